#pragma once
// The role gate for REST: reads the Bearer token and checks the role, in one
// place, so every handler states its minimum role in one line.
#include "api/http_types.hpp"
#include "domain/role.hpp"
#include "service/auth_service.hpp"
#include "service/chat_types.hpp"
#include "service/principal.hpp"

namespace livedesk::api {

// The token of an `Authorization: Bearer <token>` header ("bearer" in any case), or "".
std::string_view bearer_token(const Request& request);

// 401 unauthorized without a valid staff token, 403 forbidden below `minimum`.
service::Principal require_staff(const service::AuthService& auth, const Request& request,
                                 domain::Role minimum);

// The same check, answering the caller as a chat actor.
service::Actor require_staff_actor(const service::AuthService& auth, const Request& request, domain::Role minimum);

}  // namespace livedesk::api
