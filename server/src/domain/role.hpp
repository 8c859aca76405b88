#pragma once
// Staff roles and the one place that orders them: admin > supervisor > agent.
#include <optional>
#include <string_view>

namespace livedesk::domain {

enum class Role { agent = 1, supervisor = 2, admin = 3 };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

// True when `held` grants at least the rights of `required`.
constexpr bool has_at_least(Role held, Role required) {
  return static_cast<int>(held) >= static_cast<int>(required);
}

}  // namespace livedesk::domain
