// POST /api/v1/auth/login: the contract's login.
#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_json.hpp"

namespace livedesk::api {
namespace json = boost::json;

json::object user_json(const domain::StaffView& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"name", user.name},
          {"role", domain::to_string(user.role)}};
}

namespace {
Response login_response(const service::LoginOutcome& outcome) {
  if (auto* ok = std::get_if<service::LoginSucceeded>(&outcome)) {
    return json_response(200, json::object{{"access_token", ok->access_token},
                                           {"token_type", "bearer"},
                                           {"expires_in", ok->expires_in.count()},
                                           {"user", user_json(ok->user)}});
  }
  if (auto* throttled = std::get_if<service::LoginThrottled>(&outcome)) {
    Response response = error_response(429, "rate_limited", "too many failed logins; try again later");
    response.headers.emplace_back("Retry-After", std::to_string(std::max<long>(1, throttled->retry_after.count())));
    return response;
  }
  if (std::holds_alternative<service::ServiceUnavailable>(outcome))
    return error_response(503, "unavailable", "the server cannot check logins right now");
  return error_response(401, "invalid_credentials", "wrong username or password");
}
}  // namespace

void add_auth_routes(Router& router, RestServices services) {
  router.add("POST", "/api/v1/auth/login", [services](const Request& request, const PathParams&, Responder respond) {
    const json::object body = parse_object_body(request);
    std::string username = require_string(body, "username", 64);
    std::string password = require_string(body, "password", 1024);
    services.auth.login(std::move(username), std::move(password), request.client_address,
                        [respond](service::LoginOutcome outcome) { respond(login_response(outcome)); });
  });
}

}  // namespace livedesk::api
