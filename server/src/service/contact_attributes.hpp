#pragma once
// A contact's custom attributes (docs/api.md, "Contacts and identity"): a JSON object of strings, numbers and
// booleans; a patch sets keys and removes those whose value is null. At most 50 keys, a key 1..64 characters, a
// string value at most 1024 characters. Pure functions, any thread.
#include <optional>
#include <string>
#include <string_view>

namespace livedesk::service {

// Why `patch_json` is not a valid attributes patch, or nullopt when it is.
std::optional<std::string> attributes_problem(std::string_view patch_json);
// `current_json` with `patch_json` applied; nullopt with `problem` set when the patch is invalid or the result
// would have more than 50 keys. An unreadable `current_json` counts as empty.
std::optional<std::string> apply_attributes(std::string_view current_json, std::string_view patch_json,
                                            std::string& problem);
// `current_json` with the keys of `other_json` that it does not have (a merge: the current contact wins).
std::string fill_attributes(std::string_view current_json, std::string_view other_json);

}  // namespace livedesk::service
