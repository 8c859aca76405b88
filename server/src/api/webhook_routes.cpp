// Webhook endpoints over REST (docs/api.md, "Webhooks").
#include "api/webhook_routes.hpp"

#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/query_params.hpp"
#include "api/staff_auth.hpp"
#include "domain/iso_time.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {

json::value iso_or_null(const std::optional<std::int64_t>& ms) {
  if (!ms) return nullptr;
  return json::value(domain::format_iso8601(domain::from_unix_ms(*ms)));
}

json::object webhook_json(const domain::WebhookView& w) {
  json::array types;
  for (const auto& type : w.event_types) types.emplace_back(type);
  json::object out{{"id", w.id},
                   {"url", w.url},
                   {"event_types", std::move(types)},
                   {"active", w.active},
                   {"status", w.active ? "active" : (w.disabled_reason ? "disabled" : "paused")},
                   {"disabled_reason", w.disabled_reason ? json::value(*w.disabled_reason) : json::value(nullptr)},
                   {"disabled_at", iso_or_null(w.disabled_ms)},
                   {"created_at", iso_or_null(w.created_ms)},
                   {"updated_at", iso_or_null(w.updated_ms)},
                   {"delivered_up_to", w.delivered_up_to},
                   {"pending_position", w.pending ? json::value(*w.pending) : json::value(nullptr)},
                   {"pending_attempts", w.pending_attempts},
                   {"next_attempt_at", iso_or_null(w.next_attempt_ms)},
                   {"lag_events", w.lag_events}};
  if (!w.secret.empty()) out["secret"] = w.secret;  // only in the answer to its creation
  return out;
}

json::object attempt_json(const domain::WebhookAttemptView& a) {
  return json::object{{"id", a.id},
                      {"position", a.position},
                      {"event_id", a.event_id},
                      {"attempt", a.attempt},
                      {"at", iso_or_null(a.at_ms)},
                      {"status_code", a.status_code ? json::value(*a.status_code) : json::value(nullptr)},
                      {"latency_ms", a.latency_ms},
                      {"error", a.error.empty() ? json::value(nullptr) : json::value(a.error)},
                      {"manual", a.manual}};
}

// Answers an outcome: the value through `to_json` with `status`, a refusal as its error.
template <class T, class ToJson>
std::function<void(service::WebhookOutcome<T>)> answer(Responder respond, int status, ToJson to_json) {
  return [respond = std::move(respond), status, to_json](service::WebhookOutcome<T> outcome) {
    if (auto* refused = std::get_if<service::WebhookRefused>(&outcome)) {
      using Reason = service::WebhookRefused::Reason;
      switch (refused->reason) {
        case Reason::invalid:
          return respond(error_response(400, "invalid_webhook", refused->message));
        case Reason::not_found:
          return respond(error_response(404, "not_found", refused->message));
        case Reason::unavailable:
          return respond(error_response(503, "store_unavailable", refused->message));
      }
    }
    if (status == 204) return respond(Response{204, "application/json", "", {}});
    respond(json_response(status, to_json(std::get<T>(outcome))));
  };
}

service::WebhookChange change_from(const json::object& body, bool creating) {
  service::WebhookChange change;
  for (const auto& [key, value] : body) {
    if (key != "url" && key != "event_types" && key != "active" && !(creating && key == "secret"))
      throw ApiError(400, "invalid_field", "unknown field '" + std::string(key) + "'");
  }
  change.url = optional_string(body, "url", 2048);
  if (creating) change.secret = optional_string(body, "secret", 200);
  if (const auto* types = body.if_contains("event_types")) {
    if (!types->is_array()) throw ApiError(400, "invalid_field", "event_types must be an array of strings");
    std::vector<std::string> list;
    for (const auto& type : types->as_array()) {
      if (!type.is_string()) throw ApiError(400, "invalid_field", "event_types must be an array of strings");
      list.emplace_back(type.as_string());
    }
    change.event_types = std::move(list);
  }
  if (const auto* active = body.if_contains("active")) {
    if (!active->is_bool()) throw ApiError(400, "invalid_field", "active must be true or false");
    change.active = active->as_bool();
  }
  return change;
}

}  // namespace

void add_webhook_routes(Router& router, service::AuthService& auth, service::WebhookService& webhooks) {
  const auto admin = [&auth](const Request& request) {
    require_staff_actor(auth, request, domain::Role::admin, domain::ApiScope::webhooks_manage);
  };
  router.add("POST", "/api/v1/admin/webhooks",
             [admin, &webhooks](const Request& request, const PathParams&, Responder respond) {
               admin(request);
               webhooks.create(change_from(parse_object_body(request), true),
                               answer<service::WebhookView>(respond, 201, [](const auto& v) {
                                 return json::object{{"webhook", webhook_json(v)}};
                               }));
             });
  router.add("GET", "/api/v1/admin/webhooks",
             [admin, &webhooks](const Request& request, const PathParams&, Responder respond) {
               admin(request);
               webhooks.list(answer<std::vector<service::WebhookView>>(respond, 200, [](const auto& list) {
                 json::array out;
                 for (const auto& v : list) out.push_back(webhook_json(v));
                 return json::object{{"webhooks", std::move(out)}};
               }));
             });
  router.add("GET", "/api/v1/admin/webhooks/{id}",
             [admin, &webhooks](const Request& request, const PathParams& params, Responder respond) {
               admin(request);
               webhooks.get(params.id("id"), answer<service::WebhookView>(respond, 200, [](const auto& v) {
                              return json::object{{"webhook", webhook_json(v)}};
                            }));
             });
  router.add("PATCH", "/api/v1/admin/webhooks/{id}",
             [admin, &webhooks](const Request& request, const PathParams& params, Responder respond) {
               admin(request);
               webhooks.update(params.id("id"), change_from(parse_object_body(request), false),
                               answer<service::WebhookView>(respond, 200, [](const auto& v) {
                                 return json::object{{"webhook", webhook_json(v)}};
                               }));
             });
  router.add("DELETE", "/api/v1/admin/webhooks/{id}",
             [admin, &webhooks](const Request& request, const PathParams& params, Responder respond) {
               admin(request);
               webhooks.remove(params.id("id"), answer<bool>(respond, 204, [](bool) { return json::object{}; }));
             });
  router.add("POST", "/api/v1/admin/webhooks/{id}/enable",
             [admin, &webhooks](const Request& request, const PathParams& params, Responder respond) {
               admin(request);
               webhooks.update(params.id("id"), {std::nullopt, std::nullopt, std::nullopt, true},
                               answer<service::WebhookView>(respond, 200, [](const auto& v) {
                                 return json::object{{"webhook", webhook_json(v)}};
                               }));
             });
  router.add("GET", "/api/v1/admin/webhooks/{id}/attempts",
             [admin, &webhooks](const Request& request, const PathParams& params, Responder respond) {
               admin(request);
               const auto limit = query_int(request.query, "limit", 50, 1, 200);
               const auto before = query_int(request.query, "before", 0, 0, INT64_MAX);
               webhooks.attempts(
                   params.id("id"), before > 0 ? std::optional<std::int64_t>(before) : std::nullopt, std::size_t(limit),
                   answer<std::vector<service::WebhookAttemptView>>(respond, 200, [limit](const auto& list) {
                     json::array out;
                     for (const auto& a : list) out.push_back(attempt_json(a));
                     const bool more = std::int64_t(list.size()) == limit;
                     return json::object{{"attempts", std::move(out)},
                                         {"next_before", more ? json::value(list.back().id) : json::value(nullptr)}};
                   }));
             });
  router.add("POST", "/api/v1/admin/webhooks/{id}/deliveries/{position}/retry",
             [admin, &webhooks](const Request& request, const PathParams& params, Responder respond) {
               admin(request);
               webhooks.retry(params.id("id"), params.id("position"),
                              answer<service::WebhookRetried>(respond, 200, [](const auto& r) {
                                return json::object{{"attempt", attempt_json(r.attempt)}};
                              }));
             });
}

}  // namespace livedesk::api
