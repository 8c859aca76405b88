// Canned responses over REST (docs/api.md, "Agent tools"): search, save, delete, render.
#include "api/api_error.hpp"
#include "api/chat_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/query_params.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
service::NewCanned canned_from(const json::object& body) {
  service::NewCanned canned;
  canned.shortcut = require_string(body, "shortcut", 64);
  canned.title = require_string(body, "title", 400);
  canned.body = require_string(body, "body", 16 * 1024);
  if (auto it = body.find("shared"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_bool()) throw ApiError(400, "invalid_field", "field 'shared' must be true or false");
    canned.shared = it->value().get_bool();
  }
  return canned;
}
}  // namespace

void add_canned_routes(Router& router, RestServices services) {
  auto& chat = services.chat;
  router.add("GET", "/api/v1/canned-responses",
             [services, &chat](const Request& request, const PathParams&, Responder respond) {
               auto prefix = query_value(request.query, "q").value_or("");
               if (!prefix.empty() && prefix.front() == '/') prefix.erase(0, 1);
               chat.call(service::calls::SearchCanned{require_staff_actor(services.auth, request, domain::Role::agent),
                                                      prefix},
                         reply<std::vector<domain::CannedView>>(respond, 200, [](const auto& list) {
                           json::array out;
                           for (const auto& c : list) out.push_back(canned_json(c));
                           return json::object{{"canned_responses", std::move(out)}};
                         }));
             });
  router.add("POST", "/api/v1/canned-responses",
             [services, &chat](const Request& request, const PathParams&, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
               chat.call(service::calls::SaveCanned{actor, std::nullopt, canned_from(parse_object_body(request))},
                         reply<domain::CannedView>(respond, 201, [](const auto& c) {
                           return json::object{{"canned_response", canned_json(c)}};
                         }));
             });
  router.add("PUT", "/api/v1/canned-responses/{id}",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
               chat.call(service::calls::SaveCanned{actor, params.id("id"), canned_from(parse_object_body(request))},
                         reply<domain::CannedView>(respond, 200, [](const auto& c) {
                           return json::object{{"canned_response", canned_json(c)}};
                         }));
             });
  router.add("DELETE", "/api/v1/canned-responses/{id}",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               chat.call(service::calls::DeleteCanned{require_staff_actor(services.auth, request, domain::Role::agent),
                                                      params.id("id")},
                         reply<domain::CannedView>(respond, 200, [](const auto& c) {
                           return json::object{{"canned_response", canned_json(c)}};
                         }));
             });
  router.add("POST", "/api/v1/canned-responses/{id}/render",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::RenderCanned{actor, params.id("id"), require_int(body, "session_id")},
                         reply<std::string>(respond, 200, [](const std::string& text) {
                           return json::object{{"body", text}};
                         }));
             });
}

}  // namespace livedesk::api
