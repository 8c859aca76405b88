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

namespace {
service::Principal require_api_token(service::ApiTokenService& tokens, const Request& request, std::string_view token,
                                     domain::ApiScope scope) {
  auto verdict = tokens.verify(token, request.client_address);
  if (auto* throttled = std::get_if<service::ApiTokenThrottled>(&verdict))
    throw ApiError(429, "rate_limited", "too many invalid secrets for this API token; try again later")
        .with_header("Retry-After", std::to_string(throttled->retry_after.count()));
  auto* caller = std::get_if<service::ApiTokenPrincipal>(&verdict);
  if (!caller) throw ApiError(401, "unauthorized", "invalid or revoked API token");
  if (!caller->scopes.allow(scope))
    throw ApiError(403, "insufficient_scope", "this needs an API token with the " +
                                                  std::string(domain::to_string(scope)) + " scope");
  return caller->principal;
}
}  // namespace

service::Principal require_staff(const service::AuthService& auth, const Request& request, domain::Role minimum,
                                 domain::ApiScope scope) {
  const std::string_view token = bearer_token(request);
  if (token.empty()) throw ApiError(401, "unauthorized", "missing bearer token");
  if (auth.api_tokens() && service::ApiTokenService::looks_like_api_token(token))
    return require_api_token(*auth.api_tokens(), request, token, scope);
  auto principal = auth.verify_staff(token);
  if (!principal) throw ApiError(401, "unauthorized", "invalid or expired token");
  if (!domain::has_at_least(principal->role, minimum))
    throw ApiError(403, "forbidden", "this needs the " + std::string(domain::to_string(minimum)) + " role");
  return *principal;
}

service::Actor require_staff_actor(const service::AuthService& auth, const Request& request, domain::Role minimum,
                                   domain::ApiScope scope) {
  const auto principal = require_staff(auth, request, minimum, scope);
  return service::Actor::staff(principal.user_id, principal.role, principal.username);
}

}  // namespace livedesk::api
