// Transfers over REST (docs/api.md, "Agent tools"): ask another agent to take a chat, answer, list.
#include "api/api_error.hpp"
#include "api/chat_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/query_params.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

void add_transfer_routes(Router& router, RestServices services) {
  auto& chat = services.chat;
  router.add("POST", "/api/v1/chat/sessions/{id}/transfers",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::RequestTransfer{actor, params.id("id"), optional_int(body, "to_agent_id"),
                                                         optional_string(body, "reason", 1000).value_or("")},
                         reply<domain::TransferView>(respond, 201, [](const auto& t) {
                           return json::object{{"transfer", transfer_json(t)}};
                         }));
             });
  router.add("GET", "/api/v1/chat/sessions/{id}/transfers",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               chat.call(service::calls::ListTransfers{require_staff_actor(services.auth, request, domain::Role::agent),
                                                       params.id("id")},
                         reply<std::vector<domain::TransferView>>(respond, 200, [](const auto& list) {
                           json::array out;
                           for (const auto& t : list) out.push_back(transfer_json(t));
                           return json::object{{"transfers", std::move(out)}};
                         }));
             });
  for (const auto& [verb, accept] : {std::pair{"accept", true}, std::pair{"decline", false}}) {
    router.add("POST", std::string("/api/v1/transfers/{id}/") + verb,
               [services, &chat, accept = accept](const Request& request, const PathParams& params, Responder respond) {
                 chat.call(
                     service::calls::AnswerTransfer{require_staff_actor(services.auth, request, domain::Role::agent),
                                                    params.id("id"), accept},
                     reply<domain::TransferView>(respond, 200, [](const auto& t) {
                       return json::object{{"transfer", transfer_json(t)}};
                     }));
               });
  }
}

}  // namespace livedesk::api
