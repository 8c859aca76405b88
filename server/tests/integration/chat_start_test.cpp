// Starting a chat (POST /api/v1/chat/sessions) and what a customer token opens.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const StaffUser kAgent{"ann", "ann-password-123", "agent", "Ann Agent"};
const StaffUser kSupervisor{"sam", "sam-password-123", "supervisor", "Sam Super"};

HttpResult post_start(unsigned short port, const std::string& body) {
  return request(port, "POST", "/api/v1/chat/sessions", body, {{"Content-Type", "application/json"}});
}

bool ends_with_z(const json::object& o, std::initializer_list<std::string_view> path) {
  const auto text = str_at(o, path);
  return !text.empty() && text.back() == 'Z';
}

TEST(ChatStart, StartAnswersExactlyAsTheContract) {
  ServerProcess server;
  const auto result = post_start(server.port(), R"({"name": "Carol Customer", "email": "carol@example.com",
                                                   "subject": "Billing question"})");
  ASSERT_TRUE(HasStatus(result, 201));
  EXPECT_NE(result.header("Content-Type").find("application/json"), std::string::npos) << result.describe();
  const auto& body = result.object();

  ASSERT_TRUE(body.contains("session_id") && body.at("session_id").is_int64()) << result.describe();
  const auto session_id = body.at("session_id").as_int64();
  EXPECT_GT(session_id, 0);
  ASSERT_TRUE(body.contains("customer_token") && body.at("customer_token").is_string()) << result.describe();
  EXPECT_FALSE(body.at("customer_token").as_string().empty());
  EXPECT_EQ(body.at("status"), json::value("waiting")) << result.describe();
  ASSERT_TRUE(body.contains("queue_position") && body.at("queue_position").is_int64()) << result.describe();
  EXPECT_EQ(body.at("queue_position").as_int64(), 1) << result.describe();

  // docs/api.md adds the whole session.
  ASSERT_TRUE(body.contains("session") && body.at("session").is_object()) << result.describe();
  const auto& session = body.at("session").as_object();
  EXPECT_EQ(int_at(session, {"id"}), session_id) << result.describe();
  EXPECT_EQ(str_at(session, {"status"}), "waiting") << result.describe();
  EXPECT_EQ(str_at(session, {"customer", "name"}), "Carol Customer") << result.describe();
  EXPECT_EQ(str_at(session, {"customer", "email"}), "carol@example.com") << result.describe();
  EXPECT_TRUE(int_at(session, {"customer", "id"}).has_value()) << result.describe();
  EXPECT_EQ(str_at(session, {"subject"}), "Billing question") << result.describe();
  ASSERT_TRUE(session.contains("agent")) << result.describe();
  EXPECT_TRUE(session.at("agent").is_null()) << result.describe();
  ASSERT_TRUE(session.contains("close_reason")) << result.describe();
  EXPECT_TRUE(session.at("close_reason").is_null()) << result.describe();
  EXPECT_TRUE(ends_with_z(session, {"created_at"})) << result.describe();
  EXPECT_EQ(int_at(session, {"queue_position"}), 1) << result.describe();
  for (const char* key : {"assigned_at", "closed_at", "wait_seconds", "unread_count", "last_message", "priority",
                          "first_response_at"})
    EXPECT_TRUE(session.contains(key)) << "session lacks " << key << ": " << result.describe();

  // The second customer queues behind the first.
  const auto second = post_start(server.port(), R"({"name": "Dave", "email": "dave@example.com"})");
  ASSERT_TRUE(HasStatus(second, 201));
  EXPECT_EQ(str_at(second.object(), {"status"}), "waiting") << second.describe();
  EXPECT_EQ(int_at(second.object(), {"queue_position"}), 2) << second.describe();
  EXPECT_NE(int_at(second.object(), {"session_id"}), session_id) << second.describe();
  EXPECT_NE(str_at(second.object(), {"customer_token"}), std::string(body.at("customer_token").as_string()));

  // Each customer token reads its own session.
  const auto own = fetch_session(server.port(), std::string(body.at("customer_token").as_string()), session_id);
  EXPECT_EQ(int_at(own, {"id"}), session_id);
  EXPECT_EQ(str_at(own, {"status"}), "waiting");
  EXPECT_EQ(int_at(own, {"queue_position"}), 1) << to_text(own);
}

TEST(ChatStart, FirstMessageIsStoredAsTheCustomersMessage) {
  ServerProcess server;
  const auto chat = start_chat(server.port(), "Erin", "erin@example.com", {{"message", "Hello, anyone there?"}});
  const auto messages = fetch_messages(server.port(), chat.token, chat.session_id);
  std::vector<json::object> customer;
  for (const auto& m : messages)
    if (str_at(m, {"sender_type"}) == "customer") customer.push_back(m);
  ASSERT_EQ(customer.size(), 1u) << to_text(json::value_from(messages));
  EXPECT_EQ(str_at(customer[0], {"body"}), "Hello, anyone there?");
  EXPECT_EQ(str_at(customer[0], {"type"}), "text");
  EXPECT_EQ(int_at(customer[0], {"session_id"}), chat.session_id);
  EXPECT_GE(int_at(customer[0], {"seq"}).value_or(0), 1);
}

TEST(ChatStart, BadBodiesAre400AndStartNothing) {
  ServerProcess server;
  struct Case {
    std::string body;
    std::vector<std::string> codes;  // any of these
  };
  const std::vector<Case> cases{
      {"", {"invalid_json"}},
      {"{", {"invalid_json"}},
      {"not json", {"invalid_json"}},
      {R"({"name": "A", "email": "a@example.com",})", {"invalid_json"}},
      {"[]", {"invalid_json"}},
      {"null", {"invalid_json"}},
      {"{}", {"missing_field"}},
      {R"({"email": "a@example.com"})", {"missing_field"}},
      {R"({"name": "A"})", {"missing_field"}},
      {R"({"name": 5, "email": "a@example.com"})", {"invalid_field"}},
      {R"({"name": "A", "email": ["a@example.com"]})", {"invalid_field"}},
      {R"({"name": {"first": "A"}, "email": "a@example.com"})", {"invalid_field"}},
      {R"({"name": "A", "email": 42})", {"invalid_field"}},
      {R"({"name": "A", "email": "not-an-email"})", {"invalid_field"}},
      {R"({"name": "A", "email": "a@"})", {"invalid_field"}},
      {R"({"name": "A", "email": "@example.com"})", {"invalid_field"}},
      {R"({"name": "A", "email": "a@example.com", "subject": 7})", {"invalid_field"}},
      {R"({"name": "A", "email": "a@example.com", "message": false})", {"invalid_field"}},
      {R"({"name": null, "email": "a@example.com"})", {"missing_field", "invalid_field"}},
      {R"({"name": "A", "email": ""})", {"missing_field", "invalid_field"}},
  };
  for (const auto& c : cases) {
    const auto result = post_start(server.port(), c.body);
    EXPECT_TRUE(IsError(result, 400)) << "body: " << c.body;
    bool known = false;
    for (const auto& code : c.codes) known = known || result.error_code() == code;
    EXPECT_TRUE(known) << "body: " << c.body << "\nexpected code " << c.codes.front() << "\n" << result.describe();
  }
  // Nothing was queued: the next good start is first in line.
  const auto good = post_start(server.port(), R"({"name": "Fay", "email": "fay@example.com"})");
  ASSERT_TRUE(HasStatus(good, 201));
  EXPECT_EQ(int_at(good.object(), {"queue_position"}), 1) << good.describe();
}

TEST(ChatStart, CustomerTokenOpensOnlyItsOwnSession) {
  ServerProcess server({.users = {kAgent, kSupervisor}});
  const auto mine = start_chat(server.port(), "Gina", "gina@example.com");
  const auto theirs = start_chat(server.port(), "Hank", "hank@example.com", {{"message", "private"}});
  const auto port = server.port();

  // Its own session: yes.
  EXPECT_TRUE(HasStatus(request(port, "GET", session_path(mine.session_id), "", bearer(mine.token)), 200));
  EXPECT_TRUE(HasStatus(request(port, "GET", session_path(mine.session_id, "/messages"), "", bearer(mine.token)), 200));

  // Another customer's session: not found, as if it did not exist.
  EXPECT_TRUE(IsError(request(port, "GET", session_path(theirs.session_id), "", bearer(mine.token)), 404, "not_found"));
  EXPECT_TRUE(IsError(request(port, "GET", session_path(theirs.session_id, "/messages"), "", bearer(mine.token)), 404,
                      "not_found"));
  // Writing into it is refused too (404 or 403), and stores nothing.
  const auto intrude = post_message(port, mine.token, theirs.session_id, "let me in");
  EXPECT_TRUE(IsError(intrude, 404) || IsError(intrude, 403)) << intrude.describe();
  const auto close = request(port, "POST", session_path(theirs.session_id, "/close"), "", bearer(mine.token));
  EXPECT_TRUE(IsError(close, 404) || IsError(close, 403)) << close.describe();
  const auto supervisor = login(port, kSupervisor.username, kSupervisor.password);
  const auto stored = fetch_messages(port, supervisor, theirs.session_id);
  for (const auto& m : stored) EXPECT_NE(str_at(m, {"body"}), "let me in") << to_text(m);
  EXPECT_EQ(str_at(fetch_session(port, supervisor, theirs.session_id), {"status"}), "waiting");

  // No token, or a garbage one: 401.
  EXPECT_TRUE(IsError(request(port, "GET", session_path(mine.session_id)), 401));
  EXPECT_TRUE(IsError(request(port, "GET", session_path(mine.session_id), "", bearer("garbage.token.here")), 401));

  // Staff endpoints do not take a customer token.
  struct Call {
    std::string method, target, body;
  };
  const std::vector<Call> staff_calls{
      {"GET", "/api/v1/auth/me", ""},
      {"GET", "/api/v1/agent/sessions", ""},
      {"GET", "/api/v1/chat/queue", ""},
      {"GET", "/api/v1/staff", ""},
      {"GET", "/api/v1/admin/chat-dashboard/overview", ""},
      {"GET", "/api/v1/admin/chat-dashboard/sessions/waiting", ""},
      {"POST", session_path(mine.session_id, "/take"), ""},
      {"PUT", "/api/v1/agent/status", R"({"status": "active"})"},
  };
  for (const auto& call : staff_calls) {
    auto headers = bearer(mine.token);
    headers.emplace_back("Content-Type", "application/json");
    EXPECT_TRUE(IsError(request(port, call.method, call.target, call.body, headers), 401, "unauthorized"))
        << call.method << " " << call.target;
  }
  // The take did not happen.
  EXPECT_EQ(str_at(fetch_session(port, supervisor, mine.session_id), {"status"}), "waiting");
}

TEST(ChatStart, StaffTokenIsNotACustomerTokenOnTheCustomerSocket) {
  ServerProcess server({.users = {kAgent}});
  const auto port = server.port();
  const auto staff = login(port, kAgent.username, kAgent.password);
  const auto chat = start_chat(port, "Ivy", "ivy@example.com");

  {
    WsClient ws(port, "/api/v1/chat/ws", "customer-socket/staff-token");
    ws.send_json("auth", {{"token", staff}, {"last_seq", 0}});
    const auto error = ws.next_frame();
    EXPECT_EQ(str_at(error, {"type"}), "error") << to_text(error);
    EXPECT_EQ(str_at(error, {"data", "code"}), "auth_failed") << to_text(error);
    EXPECT_EQ(ws.expect_closed(), 1008) << ws.describe();
  }
  {
    // A customer token does not open the agent socket either.
    WsClient ws(port, "/api/v1/agent/ws", "agent-socket/customer-token");
    ws.send_json("auth", {{"token", chat.token}});
    const auto error = ws.next_frame();
    EXPECT_EQ(str_at(error, {"type"}), "error") << to_text(error);
    EXPECT_EQ(str_at(error, {"data", "code"}), "auth_failed") << to_text(error);
    EXPECT_EQ(ws.expect_closed(), 1008) << ws.describe();
  }
  {
    WsClient ws(port, "/api/v1/chat/ws", "customer-socket/garbage");
    ws.send_json("auth", {{"token", "not-a-token"}});
    const auto error = ws.next_frame();
    EXPECT_EQ(str_at(error, {"data", "code"}), "auth_failed") << to_text(error);
    EXPECT_EQ(ws.expect_closed(), 1008) << ws.describe();
  }
  // The real customer token works.
  json::object auth;
  auto customer = open_customer(port, chat.token, 0, &auth);
  EXPECT_EQ(int_at(auth, {"session", "id"}), chat.session_id) << to_text(auth);
  EXPECT_EQ(str_at(auth, {"session", "status"}), "waiting") << to_text(auth);
}

}  // namespace
}  // namespace livedesk::it
