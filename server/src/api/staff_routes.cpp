// Staff accounts and the audit log:
//   GET  /api/v1/auth/me        any staff   who the token belongs to
//   GET  /api/v1/staff          supervisor  every staff account
//   POST /api/v1/admin/users    admin       create a staff account
//   GET  /api/v1/admin/audit    admin       the audit log, newest first, paged by id
#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/query_params.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"
#include "api/staff_json.hpp"
#include "domain/iso_time.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
Response shutting_down() { return error_response(503, "shutting_down", "the server is shutting down"); }
Response store_failed() { return error_response(503, "store_unavailable", "the database did not answer"); }

json::object staff_json(const store::StaffUser& user) {
  json::object out = user_json(user);
  out["status"] = user.status;
  out["capacity"] = user.capacity;
  out["last_active_at"] =
      user.last_active_ms > 0 ? json::value(domain::format_iso8601(domain::from_unix_ms(user.last_active_ms))) : nullptr;
  return out;
}

json::object audit_json(const store::AuditEntry& entry) {
  boost::system::error_code ec;
  json::value detail = json::parse(entry.detail_json, ec);
  return {{"id", entry.id},
          {"at", domain::format_iso8601(domain::from_unix_ms(entry.at_ms))},
          {"actor_user_id", entry.actor_user_id ? json::value(*entry.actor_user_id) : nullptr},
          {"action", entry.action},
          {"target_type", entry.target_type},
          {"target_id", entry.target_id},
          {"detail", ec ? json::value(entry.detail_json) : detail}};
}

service::NewAccount account_from(const json::object& body) {
  service::NewAccount account;
  account.username = require_string(body, "username", 64);
  account.password = require_string(body, "password", 1024);
  account.name = optional_string(body, "name", 200).value_or("");
  auto role = domain::parse_role(require_string(body, "role", 20));
  if (!role) throw ApiError(400, "invalid_field", "field 'role' must be admin, supervisor or agent");
  account.role = *role;
  if (auto problem = service::account_problem(account)) throw ApiError(400, "invalid_field", *problem);
  return account;
}
}  // namespace

void add_staff_routes(Router& router, RestServices services) {
  router.add("GET", "/api/v1/auth/me", [services](const Request& request, const PathParams&, Responder respond) {
    const service::Principal principal = require_staff(services.auth, request, domain::Role::agent);
    bool queued = services.store.post_read([respond, principal](store::Store& store) {
      std::optional<store::StaffUser> user;
      try {
        user = store.accounts().find(principal.user_id);
      } catch (const std::exception&) {
        return respond(store_failed());
      }
      if (!user) return respond(error_response(401, "unauthorized", "this account no longer exists"));
      respond(json_response(200, json::object{{"user", user_json(*user)}}));
    });
    if (!queued) respond(shutting_down());
  });

  router.add("GET", "/api/v1/staff", [services](const Request& request, const PathParams&, Responder respond) {
    require_staff(services.auth, request, domain::Role::supervisor);
    bool queued = services.accounts.list([respond](std::optional<std::vector<store::StaffUser>> users) {
      if (!users) return respond(store_failed());
      json::array list;
      for (const auto& user : *users) list.push_back(staff_json(user));
      respond(json_response(200, json::object{{"users", std::move(list)}}));
    });
    if (!queued) respond(shutting_down());
  });

  router.add("POST", "/api/v1/admin/users", [services](const Request& request, const PathParams&, Responder respond) {
    const service::Principal admin = require_staff(services.auth, request, domain::Role::admin);
    service::NewAccount account = account_from(parse_object_body(request));
    services.accounts.create(admin, std::move(account), [respond](service::CreateAccountOutcome outcome) {
      if (auto* created = std::get_if<service::AccountCreated>(&outcome))
        return respond(json_response(201, json::object{{"user", staff_json(created->user)}}));
      const auto& rejected = std::get<service::AccountRejected>(outcome);
      switch (rejected.reason) {
        case service::AccountRejected::Reason::taken: return respond(error_response(409, "conflict", rejected.message));
        case service::AccountRejected::Reason::invalid:
          return respond(error_response(400, "invalid_field", rejected.message));
        case service::AccountRejected::Reason::unavailable: return respond(shutting_down());
      }
    });
  });

  router.add("GET", "/api/v1/admin/audit", [services](const Request& request, const PathParams&, Responder respond) {
    require_staff(services.auth, request, domain::Role::admin);
    store::AuditQuery query;
    const auto limit = int(query_int(request.query, "limit", 50, 1, 500));
    query.limit = limit;
    query.before_id = query_int(request.query, "before", 0, 0, INT64_MAX);
    if (auto actor = query_value(request.query, "actor")) query.actor_user_id = query_int(request.query, "actor", 0, 1, INT64_MAX);
    if (auto action = query_value(request.query, "action")) query.action = *action;
    if (query_value(request.query, "from_ms")) query.from_ms = query_int(request.query, "from_ms", 0, 0, INT64_MAX);
    if (query_value(request.query, "to_ms")) query.to_ms = query_int(request.query, "to_ms", 0, 0, INT64_MAX);
    auto page = [respond, limit](std::optional<std::vector<store::AuditEntry>> entries) {
      if (!entries) return respond(store_failed());
      json::array list;
      for (const auto& entry : *entries) list.push_back(audit_json(entry));
      json::value next = entries->size() == std::size_t(limit) ? json::value(entries->back().id) : nullptr;
      respond(json_response(200, json::object{{"entries", std::move(list)}, {"next_before", next}}));
    };
    if (!services.accounts.audit_page(query, page)) respond(shutting_down());
  });
}

}  // namespace livedesk::api
