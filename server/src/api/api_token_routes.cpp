// API tokens (docs/api.md "API tokens"):
//   POST   /api/v1/admin/api-tokens       admin / tokens:manage  create; the answer holds the secret, once
//   GET    /api/v1/admin/api-tokens       admin / tokens:manage  every token, revoked ones too, never a secret
//   DELETE /api/v1/admin/api-tokens/{id}  admin / tokens:manage  revoke
#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"
#include "domain/iso_time.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
constexpr auto kManage = domain::ApiScope::tokens_manage;

json::value time_or_null(const std::optional<std::int64_t>& ms) {
  return ms ? json::value(domain::format_iso8601(domain::from_unix_ms(*ms))) : nullptr;
}

json::object token_json(const service::ApiTokenView& token) {
  json::array scopes;
  for (auto name : token.scopes.names()) scopes.emplace_back(name);
  return {{"id", token.id},
          {"name", token.name},
          {"scopes", std::move(scopes)},
          {"created_by", token.created_by ? json::value(*token.created_by) : nullptr},
          {"created_at", domain::format_iso8601(domain::from_unix_ms(token.created_ms))},
          {"last_used_at", time_or_null(token.last_used_ms)},
          {"revoked", token.revoked_ms.has_value()},
          {"revoked_at", time_or_null(token.revoked_ms)}};
}

domain::ApiScopes scopes_from(const json::object& body) {
  const auto* field = body.if_contains("scopes");
  if (!field || !field->is_array() || field->as_array().empty())
    throw ApiError(400, "invalid_field", "field 'scopes' must be a non-empty array of scope names");
  domain::ApiScopes scopes;
  for (const auto& item : field->as_array()) {
    const auto scope = item.is_string() ? domain::parse_api_scope(item.as_string()) : std::nullopt;
    if (!scope) {
      std::string known;
      for (const auto& [value, name] : domain::kApiScopes) known += (known.empty() ? "" : ", ") + std::string(name);
      throw ApiError(400, "invalid_field", "unknown scope in 'scopes'; known: " + known);
    }
    scopes.add(*scope);
  }
  return scopes;
}

Response store_failed() { return error_response(503, "store_unavailable", "the database did not answer"); }
}  // namespace

void add_api_token_routes(Router& router, RestServices services) {
  router.add("POST", "/api/v1/admin/api-tokens",
             [services](const Request& request, const PathParams&, Responder respond) {
               const auto admin = require_staff(services.auth, request, domain::Role::admin, kManage);
               const json::object body = parse_object_body(request);
               std::string name = require_string(body, "name", 200);
               if (name.find_first_not_of(" \t") == std::string::npos)
                 throw ApiError(400, "invalid_field", "field 'name' must not be empty");
               services.api_tokens.create(admin, std::move(name), scopes_from(body),
                                          [respond](std::optional<service::ApiTokenCreated> created) {
                                            if (!created) return respond(store_failed());
                                            json::object out = token_json(created->token);
                                            out["token"] = created->secret_token;
                                            respond(json_response(201, json::object{{"api_token", std::move(out)}}));
                                          });
             });

  router.add("GET", "/api/v1/admin/api-tokens",
             [services](const Request& request, const PathParams&, Responder respond) {
               require_staff(services.auth, request, domain::Role::admin, kManage);
               const bool queued =
                   services.api_tokens.list([respond](std::optional<std::vector<service::ApiTokenView>> tokens) {
                     if (!tokens) return respond(store_failed());
                     json::array list;
                     for (const auto& token : *tokens) list.push_back(token_json(token));
                     respond(json_response(200, json::object{{"api_tokens", std::move(list)}}));
                   });
               if (!queued) respond(error_response(503, "shutting_down", "the server is shutting down"));
             });

  router.add("DELETE", "/api/v1/admin/api-tokens/{id}",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto admin = require_staff(services.auth, request, domain::Role::admin, kManage);
               services.api_tokens.revoke(
                   admin, params.id("id"), [respond](bool ok, std::optional<service::ApiTokenView> revoked) {
                     if (!ok) return respond(store_failed());
                     if (!revoked) return respond(error_response(404, "not_found", "no such active API token"));
                     respond(json_response(200, json::object{{"api_token", token_json(*revoked)}}));
                   });
             });
}

}  // namespace livedesk::api
