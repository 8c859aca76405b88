#pragma once
// Who is calling: the verified identity a staff token carries, or an API token (docs/api.md "API tokens"):
// then `role` is admin, `user_id` the admin who created it (0 when that account is gone), `username`
// "token:<name>", and what the token may do is limited by its scopes at the gate (api/staff_auth).
#include <cstdint>
#include <optional>
#include <string>

#include "domain/role.hpp"

namespace livedesk::service {

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  domain::Role role = domain::Role::agent;
  std::optional<std::int64_t> api_token_id;  // set when the caller is an API token
};

}  // namespace livedesk::service
