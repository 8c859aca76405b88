#include "api/staff_auth.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include "api/api_error.hpp"

namespace livedesk::api {

std::string_view bearer_token(const Request& request) {
  std::string_view header = request.authorization;
  constexpr std::string_view scheme = "Bearer ";
  if (header.size() <= scheme.size() || !boost::algorithm::istarts_with(header, scheme)) return {};
  return header.substr(scheme.size());
}

service::Principal require_staff(const service::AuthService& auth, const Request& request,
                                 domain::Role minimum) {
  const std::string_view token = bearer_token(request);
  if (token.empty()) throw ApiError(401, "unauthorized", "missing bearer token");
  auto principal = auth.verify_staff(token);
  if (!principal) throw ApiError(401, "unauthorized", "invalid or expired token");
  if (!domain::has_at_least(principal->role, minimum))
    throw ApiError(403, "forbidden", "this needs the " + std::string(domain::to_string(minimum)) + " role");
  return *principal;
}

service::Actor require_staff_actor(const service::AuthService& auth, const Request& request, domain::Role minimum) {
  const auto principal = require_staff(auth, request, minimum);
  return service::Actor::staff(principal.user_id, principal.role, principal.username);
}

}  // namespace livedesk::api
