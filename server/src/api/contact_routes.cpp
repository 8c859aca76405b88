// Contacts over REST (docs/api.md, "Contacts and identity").
#include "api/contact_routes.hpp"

#include "api/api_error.hpp"
#include "api/chat_json.hpp"
#include "api/contact_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/query_params.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {

constexpr auto kRead = domain::ApiScope::contacts_read;
constexpr auto kWrite = domain::ApiScope::contacts_write;

json::object detail_json(const domain::ContactDetailView& d) {
  json::array notes, conversations;
  for (const auto& n : d.notes) notes.push_back(contact_note_json(n));
  for (const auto& c : d.conversations) conversations.push_back(contact_conversation_json(c));
  return {{"contact", contact_json(d.contact)}, {"notes", std::move(notes)}, {"conversations", std::move(conversations)}};
}

auto contact_answer(Responder respond) {
  return reply<domain::ContactView>(respond, 200, [](const auto& c) { return json::object{{"contact", contact_json(c)}}; });
}

auto note_answer(Responder respond, int status) {
  return reply<domain::ContactNoteView>(respond, status,
                                        [](const auto& n) { return json::object{{"note", contact_note_json(n)}}; });
}

// The directory refused to queue the read: the server is stopping.
void unless_queued(bool queued, const Responder& respond) {
  if (!queued) respond(error_response(503, "unavailable", "the server is shutting down"));
}

}  // namespace

void add_contact_routes(Router& router, service::AuthService& auth, service::ChatService& chat,
                        service::ContactDirectory& contacts) {
  router.add("GET", "/api/v1/contacts", [&auth, &contacts](const Request& request, const PathParams&, Responder respond) {
    require_staff_actor(auth, request, domain::Role::agent, kRead);
    const std::string q = query_value(request.query, "q").value_or("");
    if (q.size() > 254) throw ApiError(400, "bad_request", "q is longer than 254 characters");
    const int limit = int(query_int(request.query, "limit", 25, 1, 100));
    auto cursor = query_value(request.query, "cursor");
    if (cursor && cursor->empty()) cursor.reset();
    unless_queued(contacts.list(q, limit, cursor,
                                reply<domain::ContactPageView>(respond, 200,
                                                               [](const auto& page) {
                                                                 json::array list;
                                                                 for (const auto& c : page.contacts)
                                                                   list.push_back(contact_json(c));
                                                                 return json::object{
                                                                     {"contacts", std::move(list)},
                                                                     {"next_cursor", page.next_cursor
                                                                                         ? json::value(*page.next_cursor)
                                                                                         : json::value(nullptr)}};
                                                               })),
                  respond);
  });
  router.add("GET", "/api/v1/contacts/{id}",
             [&auth, &contacts](const Request& request, const PathParams& params, Responder respond) {
               require_staff_actor(auth, request, domain::Role::agent, kRead);
               unless_queued(contacts.find(params.id("id"), reply<domain::ContactDetailView>(respond, 200, detail_json)),
                             respond);
             });
  router.add("PATCH", "/api/v1/contacts/{id}",
             [&auth, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(auth, request, domain::Role::agent, kWrite);
               const json::object body = parse_object_body(request);
               service::calls::UpdateContact call{actor, params.id("id"), optional_string(body, "name", 200),
                                                  optional_string(body, "email", 254),
                                                  attributes_field(body, "attributes")};
               if (!call.name_ && !call.email && !call.attributes)
                 throw ApiError(400, "bad_request", "nothing to change: give name, email or attributes");
               chat.call(std::move(call), contact_answer(respond));
             });
  router.add("POST", "/api/v1/contacts/{id}/notes",
             [&auth, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(auth, request, domain::Role::agent, kWrite);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::AddContactNote{actor, params.id("id"), require_string(body, "body", 16 * 1024)},
                         note_answer(respond, 201));
             });
  router.add("PATCH", "/api/v1/contacts/{id}/notes/{note_id}",
             [&auth, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(auth, request, domain::Role::agent, kWrite);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::EditContactNote{actor, params.id("id"), params.id("note_id"),
                                                         require_string(body, "body", 16 * 1024)},
                         note_answer(respond, 200));
             });
  router.add("DELETE", "/api/v1/contacts/{id}/notes/{note_id}",
             [&auth, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(auth, request, domain::Role::agent, kWrite);
               chat.call(service::calls::EditContactNote{actor, params.id("id"), params.id("note_id"), std::nullopt},
                         note_answer(respond, 200));
             });
  router.add("POST", "/api/v1/contacts/{id}/merge",
             [&auth, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(auth, request, domain::Role::agent, kWrite);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::MergeContacts{actor, params.id("id"), require_int(body, "from_contact_id")},
                         contact_answer(respond));
             });
  // The widget, before a chat: no token (the visitor id is the widget's own secret-less handle).
  router.add("PUT", "/api/v1/chat/visitors/{visitor_id}",
             [&chat](const Request& request, const PathParams& params, Responder respond) {
               const std::string& visitor_id = params.get("visitor_id");
               if (!valid_visitor_id(visitor_id))
                 throw ApiError(400, "invalid_field", "the visitor id must be 8..64 letters, digits, '_' or '-'");
               const json::object body = request.body.empty() ? json::object{} : parse_object_body(request);
               service::calls::UpsertVisitor call{visitor_id, optional_string(body, "name", 200),
                                                  optional_string(body, "email", 254),
                                                  attributes_field(body, "attributes"), identity_field(body)};
               if (call.email && (call.email->find('@') == std::string::npos || call.email->size() < 3))
                 throw ApiError(400, "invalid_field", "field 'email' is not an email address");
               chat.call(std::move(call), reply<std::int64_t>(respond, 200, [](std::int64_t id) {
                           return json::object{{"contact_id", id}};
                         }));
             });
  router.add("GET", "/api/v1/admin/settings/widget-identity",
             [&auth, &contacts](const Request& request, const PathParams&, Responder respond) {
               require_staff_actor(auth, request, domain::Role::admin);
               unless_queued(contacts.identity_settings(reply<service::IdentitySettings>(
                                 respond, 200,
                                 [](const auto& s) {
                                   return json::object{{"configured", s.configured},
                                                       {"rotated_at", time_json(s.rotated_ms)}};
                                 })),
                             respond);
             });
  router.add("POST", "/api/v1/admin/settings/widget-identity/rotate",
             [&auth, &chat](const Request& request, const PathParams&, Responder respond) {
               const auto actor = require_staff_actor(auth, request, domain::Role::admin);
               chat.call(service::calls::RotateIdentitySecret{actor}, reply<std::string>(respond, 200, [](const auto& s) {
                           return json::object{{"secret", s}};
                         }));
             });
}

}  // namespace livedesk::api
