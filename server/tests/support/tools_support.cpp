#include "support/tools_support.hpp"

#include <stdexcept>

namespace livedesk::it::tools {
namespace json = boost::json;

ToolsFloor::ToolsFloor(std::vector<std::string> args)
    : server_({.users = {kAnn, kBen, kCal, kSam, kAda}, .args = std::move(args)}) {
  const auto p = server_.port();
  ann = login_staff(p, kAnn.username, kAnn.password);
  ben = login_staff(p, kBen.username, kBen.password);
  cal = login_staff(p, kCal.username, kCal.password);
  sam = login_staff(p, kSam.username, kSam.password);
  ada = login_staff(p, kAda.username, kAda.password);
}

std::unique_ptr<WsClient> open_staff(unsigned short port, const std::string& token, const std::string& label) {
  auto ws = std::make_unique<WsClient>(port, "/api/v1/agent/ws", label);
  ws->send_json("auth", {{"token", token}});
  ws->wait_for("auth_success");
  return ws;
}

std::unique_ptr<WsClient> open_idle(unsigned short port, const std::string& token, const std::string& label) {
  auto ws = open_staff(port, token, label);
  set_status(*ws, "idle");
  return ws;
}

std::unique_ptr<WsClient> open_customer_ws(unsigned short port, const std::string& customer_token,
                                           const std::string& label) {
  auto ws = std::make_unique<WsClient>(port, "/api/v1/chat/ws", label);
  ws->send_json("auth", {{"token", customer_token}, {"last_seq", 0}});
  ws->wait_for("auth_success");
  return ws;
}

void set_status(WsClient& ws, const std::string& status) {
  ws.send_json("set_status", {{"status", status}});
  const auto answer = ws.wait_for("status");
  EXPECT_EQ(str_at(answer, {"data", "status"}), status) << to_text(answer);
}

HttpResult call(unsigned short port, const std::string& method, const std::string& target, const std::string& token,
                const std::optional<json::object>& body) {
  Headers headers;
  if (!token.empty()) headers = bearer(token);
  return request(port, method, target, body ? json::serialize(*body) : std::string(), headers);
}

json::object expect(const HttpResult& result, int status, const std::string& what) {
  if (result.status != status || !result.json || !result.json->is_object())
    throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got\n" + result.describe());
  return result.json->as_object();
}

StartedChat chat_taken_by(unsigned short port, const std::string& agent_token, const std::string& name,
                          const std::string& email, const std::string& first_message) {
  json::object extra;
  if (!first_message.empty()) extra["message"] = first_message;
  auto chat = start_chat(port, name, email, extra);
  expect(call(port, "POST", session_path(chat.session_id, "/take"), agent_token), 200,
         "take session " + std::to_string(chat.session_id));
  return chat;
}

FramePredicate assigned_to(std::int64_t session_id, std::int64_t agent_id) {
  return [=](const json::object& frame) {
    return session_is(session_id, "active")(frame) && int_at(frame, {"data", "session", "agent", "id"}) == agent_id;
  };
}

FramePredicate transfer_is(std::int64_t transfer_id, const std::string& status) {
  return [=](const json::object& frame) {
    return int_at(frame, {"data", "transfer", "id"}) == transfer_id &&
           (status.empty() || str_at(frame, {"data", "transfer", "status"}) == status);
  };
}

FramePredicate session_change(std::int64_t session_id, const std::string& change) {
  return [=](const json::object& frame) {
    return int_at(frame, {"data", "session", "id"}) == session_id && str_at(frame, {"data", "change"}) == change;
  };
}

FramePredicate note_is(std::int64_t note_id, const std::string& action) {
  return [=](const json::object& frame) {
    return int_at(frame, {"data", "note", "id"}) == note_id && str_at(frame, {"data", "action"}) == action;
  };
}

FramePredicate system_message(std::int64_t session_id, const std::string& text) {
  return [=](const json::object& frame) {
    return int_at(frame, {"data", "session_id"}) == session_id &&
           str_at(frame, {"data", "message", "sender_type"}) == "system" &&
           str_at(frame, {"data", "message", "body"}).find(text) != std::string::npos;
  };
}

FramePredicate message_with_body(std::int64_t session_id, const std::string& body) {
  return [=](const json::object& frame) {
    return int_at(frame, {"data", "session_id"}) == session_id && str_at(frame, {"data", "message", "body"}) == body;
  };
}

FramePredicate any_frame() {
  return [](const json::object&) { return true; };
}

FramePredicate mentions(const std::string& needle) {
  return [=](const json::object& frame) { return json::serialize(frame).find(needle) != std::string::npos; };
}

::testing::AssertionResult NeverGot(WsClient& ws, const std::string& type, const FramePredicate& pred) {
  ws.sync();
  for (const auto& frame : ws.backlog()) {
    if (!type.empty() && str_at(frame, {"type"}) != type) continue;
    if (pred && !pred(frame)) continue;
    return ::testing::AssertionFailure() << "[" << ws.label() << "] got a frame it should never see: "
                                         << json::serialize(frame);
  }
  return ::testing::AssertionSuccess();
}

std::vector<json::object> audit_entries(unsigned short port, const std::string& admin_token, const std::string& query) {
  const auto body = expect(call(port, "GET", "/api/v1/admin/audit?" + query, admin_token), 200, "audit " + query);
  const auto* entries = body.if_contains("entries");
  if (!entries || !entries->is_array()) throw std::runtime_error("audit without entries: " + json::serialize(body));
  std::vector<json::object> out;
  for (const auto& e : entries->as_array()) out.push_back(e.as_object());
  return out;
}

::testing::AssertionResult Audited(unsigned short port, const std::string& admin_token, std::int64_t actor_id,
                                   const std::string& action, const std::string& target_id) {
  const auto entries =
      audit_entries(port, admin_token, "actor=" + std::to_string(actor_id) + "&action=" + action + "&limit=500");
  bool found = false;
  for (const auto& e : entries) {
    if (int_at(e, {"actor_user_id"}) != actor_id || str_at(e, {"action"}) != action)
      return ::testing::AssertionFailure() << "audit?actor=" << actor_id << "&action=" << action
                                           << " returned a foreign entry: " << json::serialize(e);
    if (target_id.empty() || str_at(e, {"target_id"}) == target_id) found = true;
  }
  if (found) return ::testing::AssertionSuccess();
  json::array all;
  for (const auto& e : audit_entries(port, admin_token, "limit=500")) all.push_back(e);
  return ::testing::AssertionFailure() << "no audit entry " << action << " by user " << actor_id
                                       << (target_id.empty() ? "" : " on target " + target_id)
                                       << "; the whole log: " << json::serialize(all);
}

std::string sid(std::int64_t id) { return std::to_string(id); }

}  // namespace livedesk::it::tools
