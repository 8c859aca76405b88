// Chat REST: starting chats (the contract), messages, receipts, closing,
// rating, the queue, taking and assigning, agent status. See docs/api.md.
#include <regex>

#include "api/api_error.hpp"
#include "api/chat_json.hpp"
#include "api/contact_json.hpp"
#include "api/dashboard_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/query_params.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"
#include "domain/agent_status.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
// The caller as a chat actor: a customer token first, else a staff token.
// `scope`: what an API token needs here.
service::Actor require_actor(const RestServices& services, const Request& request, domain::ApiScope scope) {
  if (auto customer = services.chat.verify_customer(bearer_token(request))) return *customer;
  return require_staff_actor(services.auth, request, domain::Role::agent, scope);
}
constexpr auto kRead = domain::ApiScope::conversations_read;
constexpr auto kWrite = domain::ApiScope::messages_write;

auto session_answer(Responder respond) {
  return reply<domain::SessionView>(respond, 200, [](const domain::SessionView& s) {
    return json::object{{"session", session_json(s)}};
  });
}

bool plausible_email(const std::string& email) {
  static const std::regex pattern(R"([^@\s]+@[^@\s]+\.[^@\s]+)");
  return email.size() <= 254 && std::regex_match(email, pattern);
}

}  // namespace

void add_chat_routes(Router& router, RestServices services) {
  router.add("POST", "/api/v1/chat/sessions", [services](const Request& request, const PathParams&, Responder respond) {
    const json::object body = parse_object_body(request);
    service::calls::StartChat start;
    start.customer_name = require_string(body, "name", 200);
    start.email = require_string(body, "email", 254);
    start.subject = optional_string(body, "subject", 500).value_or("");
    start.first_message = optional_string(body, "message", 8 * 1024);
    // Contacts: the widget's visitor id and the site's identity of the visitor (docs/api.md, "Contacts and identity").
    start.visitor_id = visitor_id_field(body);
    start.identity = identity_field(body);
    if (start.customer_name.find_first_not_of(" \t") == std::string::npos)
      throw ApiError(400, "invalid_field", "field 'name' must not be empty");
    if (!plausible_email(start.email)) throw ApiError(400, "invalid_field", "field 'email' is not an email address");
    if (start.first_message && start.first_message->find_first_not_of(" \t\r\n") == std::string::npos)
      start.first_message.reset();
    services.chat.call(std::move(start), reply<service::ChatStartedWithToken>(respond, 201, [](const auto& r) {
                         return json::object{{"session_id", r.started.session.id},
                                             {"customer_token", r.customer_token},
                                             {"status", "waiting"},
                                             {"queue_position", r.started.queue_position},
                                             {"session", session_json(r.started.session)}};
                       }));
  });

  router.add("GET", "/api/v1/chat/sessions/{id}",
             [services](const Request& request, const PathParams& params, Responder respond) {
               services.chat.call(service::calls::GetSession{require_actor(services, request, kRead), params.id("id")},
                                  session_answer(respond));
             });

  router.add("GET", "/api/v1/chat/sessions/{id}/messages",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_actor(services, request, kRead);
               const auto after = query_int(request.query, "after_seq", 0, 0, INT64_MAX);
               const auto limit = int(query_int(request.query, "limit", 100, 1, 1000));
               services.chat.call(service::calls::MessagesAfter{actor, params.id("id"), after, limit},
                                  reply<std::vector<domain::MessageView>>(respond, 200, [](const auto& list) {
                                    json::array messages;
                                    for (const auto& m : list) messages.push_back(message_json(m));
                                    return json::object{{"messages", std::move(messages)}};
                                  }));
             });

  router.add("POST", "/api/v1/chat/sessions/{id}/messages",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_actor(services, request, kWrite);
               const json::object body = parse_object_body(request);
               service::NewMessage message;
               message.type = optional_string(body, "type", 16).value_or("text");
               // Text needs a body; an attachment's caption is optional.
               message.body = message.type == "text" ? require_string(body, "body", 64 * 1024)
                                                     : optional_string(body, "body", 64 * 1024).value_or("");
               message.client_msg_id = optional_string(body, "client_msg_id", 64);
               message.attachment_id = optional_string(body, "attachment_id", 64);
               services.chat.call(service::calls::SendMessage{actor, params.id("id"), std::move(message)},
                                  [respond](service::Outcome<service::MessageAccepted> outcome) {
                                    if (auto* error = std::get_if<service::ChatError>(&outcome))
                                      return respond(error_response(error->http_status, error->code, error->message));
                                    const auto& accepted = std::get<service::MessageAccepted>(outcome);
                                    respond(json_response(accepted.duplicate ? 200 : 201,
                                                          json::object{{"message", message_json(accepted.message)},
                                                                       {"duplicate", accepted.duplicate}}));
                                  });
             });

  router.add(
      "POST", "/api/v1/chat/sessions/{id}/attachments",
      [services](const Request& request, const PathParams& params, Responder respond) {
        const auto actor = require_actor(services, request, kWrite);
        auto name = query_value(request.query, "name").value_or("attachment");
        services.attachments.upload(
            actor, params.id("id"), std::move(name), request.body,
            reply<service::Upload>(respond, 201, [](const service::Upload& u) {
              return json::object{
                  {"attachment", {{"id", u.id}, {"name", u.name}, {"mime", u.mime}, {"size", u.size}, {"url", u.url}}}};
            }));
      });

  router.add("GET", "/api/v1/chat/sessions/{id}/attachments/{sha}",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_actor(services, request, kRead);
               services.attachments.download(
                   actor, params.id("id"), params.get("sha"), [respond](service::Outcome<service::Download> outcome) {
                     if (auto* error = std::get_if<service::ChatError>(&outcome))
                       return respond(error_response(error->http_status, error->code, error->message));
                     auto& file = std::get<service::Download>(outcome);
                     Response response;
                     response.content_type = file.mime;
                     response.body = std::move(file.bytes);
                     response.headers.emplace_back("X-Content-Type-Options", "nosniff");
                     // Never rendered inline from our origin (no stored HTML/SVG surprises).
                     response.headers.emplace_back("Content-Disposition",
                                                   "attachment; filename*=UTF-8''" + printable_path(file.name));
                     respond(std::move(response));
                   });
             });

  router.add("POST", "/api/v1/chat/sessions/{id}/receipts",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_actor(services, request, kWrite);
               const json::object body = parse_object_body(request);
               services.chat.call(service::calls::Receipt{actor, params.id("id"), require_int(body, "up_to_seq"),
                                                          require_string(body, "status", 16)},
                                  reply<std::int64_t>(respond, 200, [](std::int64_t n) {
                                    return json::object{{"updated", n}};
                                  }));
             });

  router.add("POST", "/api/v1/chat/sessions/{id}/close",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_actor(services, request, domain::ApiScope::admin);
               // Tags and dispositions (#14): an optional body {"disposition_id"}.
               std::optional<std::int64_t> disposition_id;
               if (!request.body.empty()) disposition_id = optional_int(parse_object_body(request), "disposition_id");
               services.chat.call(service::calls::Close{actor, params.id("id"), disposition_id},
                                  session_answer(respond));
             });

  router.add("POST", "/api/v1/chat/sessions/{id}/rating",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_actor(services, request, kWrite);
               const json::object body = parse_object_body(request);
               const auto rating = require_int(body, "rating");
               if (rating < 1 || rating > 5)
                 throw ApiError(400, "invalid_field", "rating must be an integer from 1 to 5");
               services.chat.call(service::calls::Rate{actor, params.id("id"), int(rating),
                                                       optional_string(body, "comment", 2000).value_or("")},
                                  session_answer(respond));
             });

  router.add("POST", "/api/v1/chat/sessions/{id}/take",
             [services](const Request& request, const PathParams& params, Responder respond) {
               services.chat.call(service::calls::Take{require_staff_actor(services.auth, request, domain::Role::agent),
                                                       params.id("id")},
                                  session_answer(respond));
             });

  router.add("POST", "/api/v1/chat/sessions/{id}/assign",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::supervisor);
               const json::object body = parse_object_body(request);
               bool force = false;
               if (auto it = body.find("force"); it != body.end() && !it->value().is_null()) {
                 if (!it->value().is_bool())
                   throw ApiError(400, "invalid_field", "field 'force' must be true or false");
                 force = it->value().get_bool();
               }
               services.chat.call(service::calls::Assign{actor, params.id("id"), require_int(body, "agent_id"), force},
                                  session_answer(respond));
             });
  router.add("POST", "/api/v1/chat/sessions/{id}/barge-in",
             [services](const Request& request, const PathParams& params, Responder respond) {
               services.chat.call(
                   service::calls::BargeIn{require_staff_actor(services.auth, request, domain::Role::supervisor),
                                           params.id("id")},
                   session_answer(respond));
             });

  router.add("GET", "/api/v1/chat/queue", [services](const Request& request, const PathParams&, Responder respond) {
    require_staff(services.auth, request, domain::Role::agent, kRead);
    services.chat.call(service::calls::ListWaiting{},
                       reply<std::vector<domain::SessionView>>(respond, 200, queue_json));
  });

  router.add("GET", "/api/v1/agent/sessions", [services](const Request& request, const PathParams&, Responder respond) {
    services.chat.call(
        service::calls::SessionsOfAgent{require_staff_actor(services.auth, request, domain::Role::agent, kRead)},
        reply<std::vector<domain::SessionView>>(respond, 200, [](const auto& list) {
          return json::object{{"sessions", sessions_json(list)}};
        }));
  });

  router.add("PUT", "/api/v1/agent/status", [services](const Request& request, const PathParams&, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::agent);
    const json::object body = parse_object_body(request);
    auto status = domain::parse_agent_status(require_string(body, "status", 16));
    if (!status) throw ApiError(400, "invalid_field", "status must be active, idle, in_call or offline");
    services.chat.call(service::calls::SetStatus{actor, *status},
                       reply<std::string>(respond, 200, [](const std::string& s) {
                         return json::object{{"status", s}};
                       }));
  });
}

}  // namespace livedesk::api
