// Privacy over REST (docs/api.md, "Privacy"): erasing a contact and the retention setting (admins only; API
// tokens: `admin`), and a contact's export (supervisors and admins; API tokens: `contacts:read`).
#include "api/privacy_routes.hpp"

#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/privacy_json.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {

auto retention_answer(Responder respond) {
  return reply<domain::RetentionSettingsView>(respond, 200, [](const auto& v) {
    return json::object{{"retention_days", v.retention_days}};
  });
}

// `retention_days`: a whole number of days, 0 (keep forever) to 36500.
int retention_days_field(const json::object& body) {
  const auto* value = body.if_contains("retention_days");
  if (!value || value->is_null()) throw ApiError(400, "missing_field", "field 'retention_days' is required");
  const auto invalid = [] {
    return ApiError(400, "invalid_field",
                    "field 'retention_days' must be a whole number from 0 (keep forever) to 36500");
  };
  std::int64_t days = -1;
  if (value->is_int64())
    days = value->get_int64();
  else if (value->is_uint64() && value->get_uint64() <= 36500)
    days = std::int64_t(value->get_uint64());
  else
    throw invalid();
  if (days < 0 || days > 36500) throw invalid();
  return int(days);
}

}  // namespace

void add_privacy_routes(Router& router, RestServices services) {
  router.add("POST", "/api/v1/contacts/{id}/erase",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               const json::object body = parse_object_body(request);
               // An erasure cannot be undone: the caller says so in as many words.
               const auto* confirm = body.if_contains("confirm");
               if (!confirm || !confirm->is_bool() || !confirm->get_bool())
                 throw ApiError(400, "invalid_field", "an erasure cannot be undone: send {\"confirm\": true}");
               services.attachments.erase_contact(
                   actor, params.id("id"), reply<service::ErasureCounts>(respond, 200, [](const auto& counts) {
                     return json::object{{"erased",
                                          {{"conversations", counts.conversations},
                                           {"messages", counts.messages},
                                           {"attachments", counts.attachments}}}};
                   }));
             });
  router.add("GET", "/api/v1/admin/settings/retention",
             [services](const Request& request, const PathParams&, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               services.chat.call(service::calls::RetentionSettings{actor, std::nullopt}, retention_answer(respond));
             });
  router.add("PUT", "/api/v1/admin/settings/retention",
             [services](const Request& request, const PathParams&, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               const int days = retention_days_field(parse_object_body(request));
               services.chat.call(service::calls::RetentionSettings{actor, days}, retention_answer(respond));
             });
}

void add_contact_export_route(Router& router, service::AuthService& auth, service::ContactExporter& exporter) {
  router.add("GET", "/api/v1/contacts/{id}/export",
             [&auth, &exporter](const Request& request, const PathParams& params, Responder respond) {
               const auto actor =
                   require_staff_actor(auth, request, domain::Role::supervisor, domain::ApiScope::contacts_read);
               const auto id = params.id("id");
               const bool queued = exporter.export_contact(
                   actor, id, [respond, id](service::Outcome<domain::ContactExportView> outcome) {
                     if (auto* error = std::get_if<service::ChatError>(&outcome))
                       return respond(error_response(error->http_status, error->code, error->message));
                     auto response =
                         json_response(200, contact_export_json(std::get<domain::ContactExportView>(outcome)));
                     // A download: browsers save it instead of showing it.
                     response.headers.emplace_back("Content-Disposition",
                                                   "attachment; filename=\"contact-" + std::to_string(id) + ".json\"");
                     respond(std::move(response));
                   });
               if (!queued) respond(error_response(503, "unavailable", "the server is shutting down"));
             });
}

}  // namespace livedesk::api
