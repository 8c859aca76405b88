#pragma once
// The widget's identity verification (docs/api.md, "Contacts and identity"): the embedding site signs its user id
// as lowercase hex HMAC-SHA256(key = the site's identity secret, message = user_id) and the widget passes it as
// `user_hash`. Pure functions, any thread (libsodium).
#include <string>
#include <string_view>

namespace livedesk::auth {

// Whether `user_hash` is the signature of `user_id` under `secret`, compared in constant time (upper-case hex
// is accepted too; anything that is not 64 hex digits is not).
bool identity_hash_matches(std::string_view secret, std::string_view user_id, std::string_view user_hash);
// A new identity secret: 64 hex digits (256 random bits); its text is the HMAC key.
std::string new_identity_secret();

}  // namespace livedesk::auth
