#include "domain/role.hpp"

namespace livedesk::domain {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::agent: return "agent";
    case Role::supervisor: return "supervisor";
    case Role::admin: return "admin";
  }
  return "agent";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "agent") return Role::agent;
  if (text == "supervisor") return Role::supervisor;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

}  // namespace livedesk::domain
