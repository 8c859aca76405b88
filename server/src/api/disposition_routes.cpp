// Dispositions (configurable close reasons) over REST (docs/api.md, "Tags and close reasons"): the list for
// staff, the admin config routes, the conversations setting, and setting a conversation's disposition later.
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

auto disposition_answer(Responder respond, int status) {
  return reply<domain::DispositionView>(
      respond, status, [](const auto& d) { return json::object{{"disposition", disposition_json(d)}}; });
}

auto settings_answer(Responder respond) {
  return reply<domain::ConversationSettingsView>(respond, 200, [](const auto& v) {
    return json::object{{"disposition_required", v.disposition_required}};
  });
}

}  // namespace

void add_disposition_routes(Router& router, RestServices services) {
  auto& chat = services.chat;
  router.add("GET", "/api/v1/dispositions",
             [services, &chat](const Request& request, const PathParams&, Responder respond) {
               require_staff_actor(services.auth, request, domain::Role::agent, domain::ApiScope::conversations_read);
               chat.call(service::calls::ListDispositions{include_archived(request)},
                         reply<std::vector<domain::DispositionView>>(respond, 200, [](const auto& list) {
                           json::array out;
                           for (const auto& d : list) out.push_back(disposition_json(d));
                           return json::object{{"dispositions", std::move(out)}};
                         }));
             });
  router.add("POST", "/api/v1/admin/dispositions",
             [services, &chat](const Request& request, const PathParams&, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::SaveDisposition{actor, std::nullopt, require_string(body, "name", 1024),
                                                         std::nullopt},
                         disposition_answer(respond, 201));
             });
  router.add("PATCH", "/api/v1/admin/dispositions/{id}",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               const json::object body = parse_object_body(request);
               chat.call(service::calls::SaveDisposition{actor, params.id("id"), optional_string(body, "name", 1024),
                                                         optional_bool(body, "archived")},
                         disposition_answer(respond, 200));
             });
  router.add("DELETE", "/api/v1/admin/dispositions/{id}",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               chat.call(service::calls::SaveDisposition{actor, params.id("id"), std::nullopt, true},
                         disposition_answer(respond, 200));
             });
  router.add("GET", "/api/v1/admin/settings/conversations",
             [services, &chat](const Request& request, const PathParams&, Responder respond) {
               const auto actor =
                   require_staff_actor(services.auth, request, domain::Role::agent, domain::ApiScope::conversations_read);
               chat.call(service::calls::ConversationSettings{actor, std::nullopt}, settings_answer(respond));
             });
  router.add("PUT", "/api/v1/admin/settings/conversations",
             [services, &chat](const Request& request, const PathParams&, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               const json::object body = parse_object_body(request);
               const auto required = optional_bool(body, "disposition_required");
               if (!required) throw ApiError(400, "missing_field", "field 'disposition_required' is required");
               chat.call(service::calls::ConversationSettings{actor, required}, settings_answer(respond));
             });
  router.add("PUT", "/api/v1/conversations/{id}/disposition",
             [services, &chat](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
               const json::object body = parse_object_body(request);
               if (!body.contains("disposition_id"))
                 throw ApiError(400, "missing_field", "field 'disposition_id' is required (null clears it)");
               chat.call(service::calls::SetDisposition{actor, params.id("id"), optional_int(body, "disposition_id")},
                         reply<domain::SessionDispositionView>(respond, 200, [](const auto& v) {
                           json::value disposition = nullptr;
                           if (v.disposition) disposition = disposition_json(*v.disposition);
                           return json::object{{"session_id", v.session_id}, {"disposition", disposition}};
                         }));
             });
}

}  // namespace livedesk::api
