// Agent tools over REST (docs/api.md, "Agent tools"): transfers, barge-in,
// whispers, notes, canned responses, customer blocks.
#include "api/api_error.hpp"
#include "api/chat_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/query_params.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"
#include "api/tools_json.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
std::optional<std::int64_t> optional_int(const json::object& body, std::string_view field) {
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return std::nullopt;
  return require_int(body, field);
}

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

void add_tools_routes(Router& router, RestServices services) {
  auto& chat = services.chat;
  router.add("POST", "/api/v1/chat/sessions/{id}/transfers", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
    const json::object body = parse_object_body(request);
    chat.call(service::calls::RequestTransfer{actor, params.id("id"), optional_int(body, "to_agent_id"), optional_string(body, "reason", 1000).value_or("")}, reply<domain::TransferView>(respond, 201, [](const auto& t) { return json::object{{"transfer", transfer_json(t)}}; }));
  });
  router.add("GET", "/api/v1/chat/sessions/{id}/transfers", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    chat.call(service::calls::ListTransfers{require_staff_actor(services.auth, request, domain::Role::agent), params.id("id")}, reply<std::vector<domain::TransferView>>(respond, 200, [](const auto& list) {
                     json::array out;
                     for (const auto& t : list) out.push_back(transfer_json(t));
                     return json::object{{"transfers", std::move(out)}};
                   }));
  });
  for (const auto& [verb, accept] : {std::pair{"accept", true}, std::pair{"decline", false}}) {
    router.add("POST", std::string("/api/v1/transfers/{id}/") + verb,
               [services, &chat, accept](const Request& request, const PathParams& params, Responder respond) {
                 chat.call(service::calls::AnswerTransfer{require_staff_actor(services.auth, request, domain::Role::agent), params.id("id"), accept}, reply<domain::TransferView>(respond, 200, [](const auto& t) { return json::object{{"transfer", transfer_json(t)}}; }));
               });
  }
  router.add("POST", "/api/v1/chat/sessions/{id}/barge-in", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    chat.call(service::calls::BargeIn{require_staff_actor(services.auth, request, domain::Role::supervisor), params.id("id")}, reply<domain::SessionView>(respond, 200, [](const auto& s) { return json::object{{"session", session_json(s)}}; }));
  });
  router.add("POST", "/api/v1/chat/sessions/{id}/whispers", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::supervisor);
    const json::object body = parse_object_body(request);
    chat.call(service::calls::AddNote{actor, params.id("id"), "whisper", require_string(body, "body", 16 * 1024)}, reply<domain::NoteView>(respond, 201, [](const auto& n) { return json::object{{"whisper", note_json(n)}}; }));
  });
  router.add("GET", "/api/v1/chat/sessions/{id}/notes", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    chat.call(service::calls::ListNotes{require_staff_actor(services.auth, request, domain::Role::agent), params.id("id")}, reply<std::vector<domain::NoteView>>(respond, 200, [](const auto& list) {
                 json::array out;
                 for (const auto& n : list) out.push_back(note_json(n));
                 return json::object{{"notes", std::move(out)}};
               }));
  });
  router.add("POST", "/api/v1/chat/sessions/{id}/notes", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
    const json::object body = parse_object_body(request);
    chat.call(service::calls::AddNote{actor, params.id("id"), "note", require_string(body, "body", 16 * 1024)}, reply<domain::NoteView>(respond, 201, [](const auto& n) { return json::object{{"note", note_json(n)}}; }));
  });
  router.add("PATCH", "/api/v1/notes/{id}", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
    const json::object body = parse_object_body(request);
    chat.call(service::calls::EditNote{actor, params.id("id"), require_string(body, "body", 16 * 1024)}, reply<domain::NoteView>(respond, 200, [](const auto& n) { return json::object{{"note", note_json(n)}}; }));
  });
  router.add("DELETE", "/api/v1/notes/{id}", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    chat.call(service::calls::EditNote{require_staff_actor(services.auth, request, domain::Role::agent), params.id("id"), std::nullopt}, reply<domain::NoteView>(respond, 200, [](const auto& n) { return json::object{{"note", note_json(n)}}; }));
  });
  router.add("GET", "/api/v1/canned-responses", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    auto prefix = query_value(request.query, "q").value_or("");
    if (!prefix.empty() && prefix.front() == '/') prefix.erase(0, 1);
    chat.call(service::calls::SearchCanned{require_staff_actor(services.auth, request, domain::Role::agent), prefix}, reply<std::vector<domain::CannedView>>(respond, 200, [](const auto& list) {
                         json::array out;
                         for (const auto& c : list) out.push_back(canned_json(c));
                         return json::object{{"canned_responses", std::move(out)}};
                       }));
  });
  router.add("POST", "/api/v1/canned-responses", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
    chat.call(service::calls::SaveCanned{actor, std::nullopt, canned_from(parse_object_body(request))}, reply<domain::CannedView>(respond, 201, [](const auto& c) { return json::object{{"canned_response", canned_json(c)}}; }));
  });
  router.add("PUT", "/api/v1/canned-responses/{id}", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
    chat.call(service::calls::SaveCanned{actor, params.id("id"), canned_from(parse_object_body(request))}, reply<domain::CannedView>(respond, 200, [](const auto& c) { return json::object{{"canned_response", canned_json(c)}}; }));
  });
  router.add("DELETE", "/api/v1/canned-responses/{id}", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    chat.call(service::calls::DeleteCanned{require_staff_actor(services.auth, request, domain::Role::agent), params.id("id")}, reply<domain::CannedView>(respond, 200, [](const auto& c) { return json::object{{"canned_response", canned_json(c)}}; }));
  });
  router.add("POST", "/api/v1/canned-responses/{id}/render", [services, &chat](const Request& request, const PathParams& params, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
    const json::object body = parse_object_body(request);
    chat.call(service::calls::RenderCanned{actor, params.id("id"), require_int(body, "session_id")}, reply<std::string>(respond, 200, [](const std::string& text) { return json::object{{"body", text}}; }));
  });
  router.add("GET", "/api/v1/blocks", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    require_staff_actor(services.auth, request, domain::Role::agent);
    chat.call(service::calls::ListBlocks{}, reply<std::vector<domain::BlockView>>(respond, 200, [](const auto& list) {
      json::array out;
      for (const auto& b : list) out.push_back(block_json(b));
      return json::object{{"blocks", std::move(out)}};
    }));
  });
  router.add("POST", "/api/v1/blocks", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::supervisor);
    const json::object body = parse_object_body(request);
    auto customer_id = optional_int(body, "customer_id");
    auto email = optional_string(body, "email", 254);
    if (!customer_id && !email) throw ApiError(400, "missing_field", "give customer_id or email");
    chat.call(service::calls::BlockCustomer{actor, customer_id, email, optional_string(body, "reason", 1000).value_or("")}, reply<domain::BlockView>(respond, 201, [](const auto& b) { return json::object{{"block", block_json(b)}}; }));
  });
  router.add("DELETE", "/api/v1/blocks", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::supervisor);
    auto email = query_value(request.query, "email");
    if (!email || email->empty()) throw ApiError(400, "invalid_query", "give ?email=");
    chat.call(service::calls::UnblockCustomer{actor, *email}, reply<domain::BlockView>(respond, 200, [](const auto& b) { return json::object{{"block", block_json(b)}}; }));
  });
}

}  // namespace livedesk::api
