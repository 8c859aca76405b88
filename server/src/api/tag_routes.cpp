// Tags over REST (docs/api.md, "Tags and close reasons"): the list for staff, the admin config routes, and
// putting a tag on or taking it off a conversation (write access to the chat, any status).
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

// A boolean field that may be absent; 400 invalid_field for anything but true or false.
std::optional<bool> optional_bool(const json::object& body, std::string_view field) {
  const auto* value = body.if_contains(field);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_bool()) throw ApiError(400, "invalid_field", "field '" + std::string(field) + "' must be true or false");
  return value->as_bool();
}

bool include_archived(const Request& request) {
  const auto value = query_value(request.query, "include_archived");
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  throw ApiError(400, "bad_request", "include_archived must be true or false");
}

auto tag_answer(Responder respond, int status) {
  return reply<domain::TagView>(respond, status, [](const auto& t) { return json::object{{"tag", tag_json(t)}}; });
}

auto tags_answer(Responder respond) {
  return reply<std::vector<domain::TagView>>(respond, 200, [](const auto& list) {
    json::array out;
    for (const auto& t : list) out.push_back(tag_json(t));
    return json::object{{"tags", std::move(out)}};
  });
}

}  // namespace

void add_tag_routes(Router& router, RestServices services) {
  auto& chat = services.chat;
  router.add("GET", "/api/v1/tags", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    require_staff_actor(services.auth, request, domain::Role::agent, domain::ApiScope::conversations_read);
    chat.call(service::calls::ListTags{include_archived(request)}, tags_answer(respond));
  });
  router.add("POST", "/api/v1/admin/tags", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
    const json::object body = parse_object_body(request);
    chat.call(service::calls::SaveTag{actor, std::nullopt, require_string(body, "name", 1024),
                                      optional_string(body, "color", 16), std::nullopt},
              tag_answer(respond, 201));
  });
  router.add("PATCH", "/api/v1/admin/tags/{id}",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::SaveTag{actor, params.id("id"), optional_string(body, "name", 1024),
                                                 optional_string(body, "color", 16), optional_bool(body, "archived")},
                         tag_answer(respond, 200));
             });
  router.add("DELETE", "/api/v1/admin/tags/{id}",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               // Archived, never removed: the history of conversations points at it.
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               chat.call(service::calls::SaveTag{actor, params.id("id"), std::nullopt, std::nullopt, true},
                         tag_answer(respond, 200));
             });
  for (const char* method : {"PUT", "DELETE"}) {
    const bool add = std::string_view(method) == "PUT";
    router.add(method, "/api/v1/conversations/{id}/tags/{tag_id}",
               [services, &chat, add](const Request& request, const PathParams& params, Responder respond) {
                 const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
                 chat.call(service::calls::TagConversation{actor, params.id("id"), params.id("tag_id"), add},
                           tags_answer(respond));
               });
  }
}

}  // namespace livedesk::api
