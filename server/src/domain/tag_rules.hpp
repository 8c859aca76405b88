#pragma once
// The rules for the names and colours of tags and dispositions: a name is
// trimmed of surrounding white space and must then hold 1 to 64 characters
// (code points, not bytes) with no control characters; a colour is "#rrggbb"
// (hex digits, either case) or empty for none.
#include <optional>
#include <string>
#include <string_view>

namespace livedesk::domain {

// The name as stored (trimmed), or nullopt when it breaks the rules.
std::optional<std::string> normalized_label_name(std::string_view name);
bool is_label_color(std::string_view color);

}  // namespace livedesk::domain
