#pragma once
// The gate for REST: reads the Bearer token, a staff JWT or an API token, and checks the staff role or the
// token's scopes, in one place, so every handler states what it needs in one line: the minimum role for staff
// and the scope for tokens (docs/api.md "API tokens"). A route that names no scope takes tokens with `admin`.
#include "api/http_types.hpp"
#include "domain/api_scope.hpp"
#include "domain/role.hpp"
#include "service/auth_service.hpp"
#include "service/chat_types.hpp"
#include "service/principal.hpp"

namespace livedesk::api {

// The token of an `Authorization: Bearer <token>` header ("bearer" in any case), or "".
std::string_view bearer_token(const Request& request);

// 401 unauthorized without a valid staff or API token; 403 forbidden for staff below `minimum`, 403
// insufficient_scope for a token without `scope`; 429 rate_limited after too many bad secrets for a token.
service::Principal require_staff(const service::AuthService& auth, const Request& request, domain::Role minimum,
                                 domain::ApiScope scope = domain::ApiScope::admin);

// The same check, answering the caller as a chat actor.
service::Actor require_staff_actor(const service::AuthService& auth, const Request& request, domain::Role minimum,
                                   domain::ApiScope scope = domain::ApiScope::admin);

}  // namespace livedesk::api
