#pragma once
// Who is calling: the verified identity a staff token carries.
#include <cstdint>
#include <string>

#include "domain/role.hpp"

namespace livedesk::service {

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  domain::Role role = domain::Role::agent;
};

}  // namespace livedesk::service
