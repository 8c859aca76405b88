#include "api/cluster_routes.hpp"

#include <sodium.h>

#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
bool same_key(std::string_view given, const std::string& expected) {
  return !expected.empty() && given.size() == expected.size() && sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}
}  // namespace

void add_cluster_routes(Router& router, ClusterCalls calls) {
  router.add("POST", "/internal/v1/cluster/call", [calls](const Request& request, const PathParams&, Responder respond) {
    if (!same_key(bearer_token(request), calls.cluster_key))
      return respond(error_response(401, "unauthorized", "this route is for the cluster's nodes"));
    if (!calls.leading()) return respond(error_response(503, "not_leader", "this node does not lead the cluster"));
    boost::system::error_code ec;
    auto body = json::parse(request.body, ec);
    const json::object* call = !ec && body.is_object() ? &body.as_object() : nullptr;
    const json::value* op = call ? call->if_contains("op") : nullptr;
    const json::value* request_members = call ? call->if_contains("request") : nullptr;
    if (!op || !op->is_string() || !request_members || !request_members->is_object())
      return respond(error_response(400, "bad_call", "a call is {\"op\": string, \"request\": object}"));
    calls.dispatcher.dispatch(op->as_string(), *request_members,
                              [respond](json::value answer) { respond(json_response(200, answer)); });
  });
}

}  // namespace livedesk::api
