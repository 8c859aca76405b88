// Private notes and supervisor whispers over REST (docs/api.md, "Agent tools").
#include "api/api_error.hpp"
#include "api/chat_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/query_params.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

void add_note_routes(Router& router, RestServices services) {
  auto& chat = services.chat;
  router.add("POST", "/api/v1/chat/sessions/{id}/whispers",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::supervisor);
               const json::object body = parse_object_body(request);
               chat.call(
                   service::calls::AddNote{actor, params.id("id"), "whisper", require_string(body, "body", 16 * 1024)},
                   reply<domain::NoteView>(respond, 201, [](const auto& n) {
                     return json::object{{"whisper", note_json(n)}};
                   }));
             });
  router.add("GET", "/api/v1/chat/sessions/{id}/notes",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               chat.call(service::calls::ListNotes{require_staff_actor(services.auth, request, domain::Role::agent),
                                                   params.id("id")},
                         reply<std::vector<domain::NoteView>>(respond, 200, [](const auto& list) {
                           json::array out;
                           for (const auto& n : list) out.push_back(note_json(n));
                           return json::object{{"notes", std::move(out)}};
                         }));
             });
  router.add("POST", "/api/v1/chat/sessions/{id}/notes",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
               const json::object body = parse_object_body(request);
               chat.call(
                   service::calls::AddNote{actor, params.id("id"), "note", require_string(body, "body", 16 * 1024)},
                   reply<domain::NoteView>(respond, 201, [](const auto& n) {
                     return json::object{{"note", note_json(n)}};
                   }));
             });
  router.add("PATCH", "/api/v1/notes/{id}",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::EditNote{actor, params.id("id"), require_string(body, "body", 16 * 1024)},
                         reply<domain::NoteView>(respond, 200, [](const auto& n) {
                           return json::object{{"note", note_json(n)}};
                         }));
             });
  router.add("DELETE", "/api/v1/notes/{id}",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               chat.call(service::calls::EditNote{require_staff_actor(services.auth, request, domain::Role::agent),
                                                  params.id("id"), std::nullopt},
                         reply<domain::NoteView>(respond, 200, [](const auto& n) {
                           return json::object{{"note", note_json(n)}};
                         }));
             });
}

}  // namespace livedesk::api
