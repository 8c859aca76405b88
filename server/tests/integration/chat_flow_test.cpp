// One chat from start to rating: customer and agent sockets, messages both
// ways, typing, receipts, closing, rating, and refused messages.
#include <gtest/gtest.h>

#include <memory>
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

Headers json_bearer(const std::string& token) {
  auto headers = bearer(token);
  headers.emplace_back("Content-Type", "application/json");
  return headers;
}

bool ends_with_z(const json::object& o, std::initializer_list<std::string_view> path) {
  const auto text = str_at(o, path);
  return !text.empty() && text.back() == 'Z';
}

std::int64_t last_seq(const std::vector<json::object>& messages) {
  return messages.empty() ? 0 : int_at(messages.back(), {"seq"}).value_or(0);
}

FramePredicate by(const std::string& key, const std::string& value) {
  return [=](const json::object& f) {
    const auto* v = find_path(f, {"data"});
    return v && v->is_object() && str_at(v->as_object(), {key}) == value;
  };
}

// A waiting customer on its socket, then the agent connects and gets the chat.
struct LiveChat {
  std::unique_ptr<ServerProcess> server;
  unsigned short port = 0;
  StaffLogin agent;
  StartedChat chat;
  std::unique_ptr<WsClient> customer;
  std::unique_ptr<WsClient> agent_ws;

  std::int64_t sid() const { return chat.session_id; }
};

LiveChat open_live_chat() {
  LiveChat live;
  live.server = std::make_unique<ServerProcess>(ServerOptions{.users = {kAgent, kSupervisor}});
  live.port = live.server->port();
  live.agent = login_staff(live.port, kAgent.username, kAgent.password);
  live.chat = start_chat(live.port, "Carol", "carol@example.com", {{"subject", "Help"}});
  json::object customer_auth;
  live.customer = open_customer(live.port, live.chat.token, 0, &customer_auth);
  EXPECT_EQ(int_at(customer_auth, {"session", "id"}), live.sid()) << to_text(customer_auth);
  EXPECT_EQ(str_at(customer_auth, {"session", "status"}), "waiting") << to_text(customer_auth);

  json::object agent_auth;
  live.agent_ws = open_agent(live.port, live.agent.token, {}, &agent_auth);
  EXPECT_EQ(int_at(agent_auth, {"user_id"}), live.agent.id) << to_text(agent_auth);
  EXPECT_EQ(str_at(agent_auth, {"role"}), "agent") << to_text(agent_auth);
  // The agent is active now and gets the waiting chat: either already in
  // auth_success, or as a session_update right after.
  bool in_auth = false;
  if (const auto* sessions = find_path(agent_auth, {"sessions"}); sessions && sessions->is_array())
    for (const auto& s : sessions->as_array())
      if (s.is_object() && int_at(s.as_object(), {"id"}) == live.sid()) in_auth = true;
  if (!in_auth) {
    const auto update = live.agent_ws->wait_for("session_update", session_is(live.sid(), "active"));
    EXPECT_EQ(int_at(update, {"data", "session", "agent", "id"}), live.agent.id) << to_text(update);
  }
  // The customer sees the assignment live.
  const auto assigned = live.customer->wait_for("session_update", session_is(live.sid(), "active"));
  EXPECT_EQ(int_at(assigned, {"data", "session", "agent", "id"}), live.agent.id) << to_text(assigned);
  EXPECT_EQ(str_at(assigned, {"data", "session", "agent", "name"}), "Ann Agent") << to_text(assigned);
  return live;
}

// Checks a message object against what was sent.
void expect_message(const json::object& m, std::int64_t sid, std::int64_t seq, const std::string& sender_type,
                    const std::string& body, const std::string& where) {
  EXPECT_EQ(int_at(m, {"session_id"}), sid) << where << ": " << to_text(m);
  EXPECT_EQ(int_at(m, {"seq"}), seq) << where << ": " << to_text(m);
  EXPECT_EQ(str_at(m, {"sender_type"}), sender_type) << where << ": " << to_text(m);
  EXPECT_EQ(str_at(m, {"body"}), body) << where << ": " << to_text(m);
  EXPECT_EQ(str_at(m, {"type"}), "text") << where << ": " << to_text(m);
  EXPECT_TRUE(int_at(m, {"id"}).has_value()) << where << ": " << to_text(m);
  EXPECT_FALSE(str_at(m, {"status"}).empty()) << where << ": " << to_text(m);
  EXPECT_TRUE(ends_with_z(m, {"created_at"})) << where << ": " << to_text(m);
}

TEST(ChatFlow, AgentConnectedFirstGetsTheNewChat) {
  ServerProcess server({.users = {kAgent}});
  const auto port = server.port();
  const auto agent = login_staff(port, kAgent.username, kAgent.password);
  json::object auth;
  auto agent_ws = open_agent(port, agent.token, {}, &auth);
  EXPECT_EQ(int_at(auth, {"user_id"}), agent.id) << to_text(auth);
  EXPECT_EQ(str_at(auth, {"role"}), "agent") << to_text(auth);
  const auto* sessions = find_path(auth, {"sessions"});
  ASSERT_TRUE(sessions && sessions->is_array()) << to_text(auth);
  EXPECT_TRUE(sessions->as_array().empty()) << to_text(auth);

  const auto chat = start_chat(port, "Dora", "dora@example.com", {{"message", "Hi"}});
  const auto update = agent_ws->wait_for("session_update", session_is(chat.session_id, "active"));
  EXPECT_EQ(int_at(update, {"data", "session", "agent", "id"}), agent.id) << to_text(update);
  EXPECT_TRUE(ends_with_z(update, {"data", "session", "assigned_at"})) << to_text(update);

  // The customer, connecting now, sees the assigned chat.
  json::object customer_auth;
  auto customer = open_customer(port, chat.token, 0, &customer_auth);
  EXPECT_EQ(str_at(customer_auth, {"session", "status"}), "active") << to_text(customer_auth);
  EXPECT_EQ(int_at(customer_auth, {"session", "agent", "id"}), agent.id) << to_text(customer_auth);
  EXPECT_EQ(int_at(customer_auth, {"session", "queue_position"}), 0) << to_text(customer_auth);
  // ... and then its first message, replayed from last_seq 0.
  const auto first = customer->wait_for("message_created", message_in(chat.session_id));
  EXPECT_EQ(str_at(first, {"data", "message", "body"}), "Hi") << to_text(first);

  // The chat is in the agent's list.
  const auto mine = request(port, "GET", "/api/v1/agent/sessions", "", bearer(agent.token));
  ASSERT_TRUE(HasStatus(mine, 200));
  const auto* list = find_path(*mine.json, {"sessions"});
  ASSERT_TRUE(list && list->is_array()) << mine.describe();
  ASSERT_EQ(list->as_array().size(), 1u) << mine.describe();
  EXPECT_EQ(int_at(list->as_array()[0].as_object(), {"id"}), chat.session_id) << mine.describe();
}

TEST(ChatFlow, CustomerSeesAssignmentAndMessagesFlowBothWaysLive) {
  auto live = open_live_chat();
  const auto sid = live.sid();
  std::int64_t next = last_seq(fetch_messages(live.port, live.chat.token, sid)) + 1;

  for (int round = 0; round < 3; ++round) {
    const std::string cbody = "customer says " + std::to_string(round);
    const std::string cid = "c-" + std::to_string(round);
    live.customer->send_json("send_message", {{"body", cbody}, {"client_msg_id", cid}});
    const auto ack = live.customer->wait_for("message_ack", ack_for(cid));
    ASSERT_TRUE(find_path(ack, {"data", "message"})) << to_text(ack);
    EXPECT_EQ(find_path(ack, {"data", "duplicate"}) ? *find_path(ack, {"data", "duplicate"}) : json::value(),
              json::value(false))
        << to_text(ack);
    const auto& acked = find_path(ack, {"data", "message"})->as_object();
    expect_message(acked, sid, next, "customer", cbody, "customer ack");
    EXPECT_EQ(str_at(acked, {"client_msg_id"}), cid) << to_text(ack);
    // The customer's own message comes back too (other tabs), and reaches the agent.
    const auto echo = live.customer->wait_for("message_created", message_in(sid, next));
    expect_message(find_path(echo, {"data", "message"})->as_object(), sid, next, "customer", cbody, "customer echo");
    const auto at_agent = live.agent_ws->wait_for("message_created", message_in(sid, next));
    expect_message(find_path(at_agent, {"data", "message"})->as_object(), sid, next, "customer", cbody,
                   "at the agent");
    EXPECT_EQ(int_at(at_agent, {"data", "message", "id"}), int_at(acked, {"id"}));
    ++next;

    const std::string abody = "agent answers " + std::to_string(round);
    const std::string aid = "a-" + std::to_string(round);
    live.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", abody}, {"client_msg_id", aid}});
    const auto aack = live.agent_ws->wait_for("message_ack", ack_for(aid));
    ASSERT_TRUE(find_path(aack, {"data", "message"})) << to_text(aack);
    expect_message(find_path(aack, {"data", "message"})->as_object(), sid, next, "agent", abody, "agent ack");
    const auto at_customer = live.customer->wait_for("message_created", message_in(sid, next));
    expect_message(find_path(at_customer, {"data", "message"})->as_object(), sid, next, "agent", abody,
                   "at the customer");
    EXPECT_EQ(int_at(at_customer, {"data", "message", "sender_user_id"}), live.agent.id) << to_text(at_customer);
    ++next;
  }

  // REST sends are pushed live as well.
  const auto rest_agent = post_message(live.port, live.agent.token, sid, "agent via REST", "ar-1");
  ASSERT_TRUE(HasStatus(rest_agent, 201));
  EXPECT_EQ(find_path(*rest_agent.json, {"duplicate"}) ? *find_path(*rest_agent.json, {"duplicate"}) : json::value(),
            json::value(false))
      << rest_agent.describe();
  expect_message(find_path(*rest_agent.json, {"message"})->as_object(), sid, next, "agent", "agent via REST",
                 "REST answer");
  live.customer->wait_for("message_created", message_in(sid, next));
  ++next;
  const auto rest_customer = post_message(live.port, live.chat.token, sid, "customer via REST");
  ASSERT_TRUE(HasStatus(rest_customer, 201));
  const auto pushed = live.agent_ws->wait_for("message_created", message_in(sid, next));
  EXPECT_EQ(str_at(pushed, {"data", "message", "body"}), "customer via REST") << to_text(pushed);
  ++next;

  // The history has everything, in order, with consecutive seqs.
  const auto history = fetch_messages(live.port, live.chat.token, sid);
  ASSERT_FALSE(history.empty());
  for (std::size_t i = 0; i < history.size(); ++i)
    EXPECT_EQ(int_at(history[i], {"seq"}), static_cast<std::int64_t>(i) + 1) << to_text(history[i]);
  EXPECT_EQ(last_seq(history), next - 1);
}

TEST(ChatFlow, TypingAndReceiptsReachTheOtherSide) {
  auto live = open_live_chat();
  const auto sid = live.sid();

  live.customer->send_json("send_message", {{"body", "question"}, {"client_msg_id", "q"}});
  const auto customer_seq = int_at(live.customer->wait_for("message_ack", ack_for("q")), {"data", "message", "seq"});
  ASSERT_TRUE(customer_seq);
  live.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", "answer"}, {"client_msg_id", "a"}});
  const auto agent_seq = int_at(live.agent_ws->wait_for("message_ack", ack_for("a")), {"data", "message", "seq"});
  ASSERT_TRUE(agent_seq);

  // Typing, both ways.
  live.customer->send_json("typing", {{"is_typing", true}});
  const auto typing_at_agent = live.agent_ws->wait_for("typing_indicator", by("sender_type", "customer"));
  EXPECT_EQ(int_at(typing_at_agent, {"data", "session_id"}), sid) << to_text(typing_at_agent);
  EXPECT_EQ(str_at(typing_at_agent, {"data", "sender_type"}), "customer") << to_text(typing_at_agent);
  EXPECT_EQ(*find_path(typing_at_agent, {"data", "is_typing"}), json::value(true)) << to_text(typing_at_agent);

  live.agent_ws->send_json("typing", {{"session_id", sid}, {"is_typing", true}});
  const auto typing_at_customer = live.customer->wait_for("typing_indicator", by("sender_type", "agent"));
  EXPECT_EQ(int_at(typing_at_customer, {"data", "session_id"}), sid) << to_text(typing_at_customer);
  EXPECT_EQ(str_at(typing_at_customer, {"data", "sender_type"}), "agent") << to_text(typing_at_customer);
  EXPECT_EQ(*find_path(typing_at_customer, {"data", "is_typing"}), json::value(true)) << to_text(typing_at_customer);
  live.agent_ws->send_json("typing", {{"session_id", sid}, {"is_typing", false}});
  const auto stopped = live.customer->wait_for("typing_indicator", by("sender_type", "agent"));
  EXPECT_EQ(*find_path(stopped, {"data", "is_typing"}), json::value(false)) << to_text(stopped);

  // The agent reads the customer's message: the customer gets a receipt.
  live.agent_ws->send_json("receipt", {{"session_id", sid}, {"up_to_seq", *customer_seq}, {"status", "read"}});
  const auto read = live.customer->wait_for("receipt", by("reader_type", "agent"));
  EXPECT_EQ(int_at(read, {"data", "session_id"}), sid) << to_text(read);
  EXPECT_EQ(str_at(read, {"data", "reader_type"}), "agent") << to_text(read);
  EXPECT_EQ(int_at(read, {"data", "up_to_seq"}), *customer_seq) << to_text(read);
  EXPECT_EQ(str_at(read, {"data", "status"}), "read") << to_text(read);
  for (const auto& m : fetch_messages(live.port, live.chat.token, sid))
    if (int_at(m, {"seq"}) == *customer_seq) {
      EXPECT_EQ(str_at(m, {"status"}), "read") << to_text(m);
    }

  // The customer acknowledges the agent's message: over the socket, then REST.
  live.customer->send_json("receipt", {{"up_to_seq", *agent_seq}, {"status", "delivered"}});
  const auto delivered = live.agent_ws->wait_for("receipt", by("reader_type", "customer"));
  EXPECT_EQ(int_at(delivered, {"data", "session_id"}), sid) << to_text(delivered);
  EXPECT_EQ(str_at(delivered, {"data", "reader_type"}), "customer") << to_text(delivered);
  EXPECT_EQ(int_at(delivered, {"data", "up_to_seq"}), *agent_seq) << to_text(delivered);
  EXPECT_EQ(str_at(delivered, {"data", "status"}), "delivered") << to_text(delivered);

  const auto rest = request(live.port, "POST", session_path(sid, "/receipts"),
                            json::serialize(json::object{{"up_to_seq", *agent_seq}, {"status", "read"}}),
                            json_bearer(live.chat.token));
  ASSERT_TRUE(HasStatus(rest, 200));
  EXPECT_EQ(int_at(rest.object(), {"updated"}), 1) << rest.describe();
  const auto rest_read = live.agent_ws->wait_for("receipt", by("reader_type", "customer"));
  EXPECT_EQ(str_at(rest_read, {"data", "status"}), "read") << to_text(rest_read);
  EXPECT_EQ(str_at(rest_read, {"data", "reader_type"}), "customer") << to_text(rest_read);
  for (const auto& m : fetch_messages(live.port, live.agent.token, sid))
    if (int_at(m, {"seq"}) == *agent_seq) {
      EXPECT_EQ(str_at(m, {"status"}), "read") << to_text(m);
    }

  // A bad receipt status is refused.
  const auto bad = request(live.port, "POST", session_path(sid, "/receipts"),
                           json::serialize(json::object{{"up_to_seq", *agent_seq}, {"status", "seen"}}),
                           json_bearer(live.chat.token));
  EXPECT_TRUE(IsError(bad, 400));
}

TEST(ChatFlow, AgentCloseEndsTheChatAndTheCustomerRatesOnce) {
  auto live = open_live_chat();
  const auto sid = live.sid();
  const auto port = live.port;
  live.customer->send_json("send_message", {{"body", "thanks"}, {"client_msg_id", "t"}});
  live.customer->wait_for("message_ack", ack_for("t"));
  live.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", "you're welcome"}, {"client_msg_id", "w"}});
  live.agent_ws->wait_for("message_ack", ack_for("w"));

  auto rate = [&](const json::value& rating) {
    return request(port, "POST", session_path(sid, "/rating"),
                   json::serialize(json::object{{"rating", rating}, {"comment", "great help"}}),
                   json_bearer(live.chat.token));
  };
  EXPECT_TRUE(IsError(rate(5), 409, "session_open"));

  live.agent_ws->send_json("close", {{"session_id", sid}});
  const auto closed = live.customer->wait_for("session_update", session_is(sid, "closed"));
  EXPECT_EQ(str_at(closed, {"data", "session", "close_reason"}), "resolved") << to_text(closed);
  EXPECT_TRUE(ends_with_z(closed, {"data", "session", "closed_at"})) << to_text(closed);
  const auto agent_saw = live.agent_ws->wait_for("session_update", session_is(sid, "closed"));
  EXPECT_EQ(str_at(agent_saw, {"data", "session", "close_reason"}), "resolved") << to_text(agent_saw);

  const auto count = fetch_messages(port, live.chat.token, sid).size();

  // Closing again, and messages to the closed chat, are conflicts.
  EXPECT_TRUE(IsError(request(port, "POST", session_path(sid, "/close"), "", bearer(live.agent.token)), 409,
                      "session_closed"));
  EXPECT_TRUE(IsError(post_message(port, live.chat.token, sid, "hello?"), 409, "session_closed"));
  EXPECT_TRUE(IsError(post_message(port, live.agent.token, sid, "one more thing"), 409, "session_closed"));
  live.customer->send_json("send_message", {{"body", "still there?"}, {"client_msg_id", "late-c"}});
  const auto customer_error = live.customer->wait_for("error", ack_for("late-c"));
  EXPECT_EQ(str_at(customer_error, {"data", "code"}), "session_closed") << to_text(customer_error);
  live.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", "bye"}, {"client_msg_id", "late-a"}});
  const auto agent_error = live.agent_ws->wait_for("error", ack_for("late-a"));
  EXPECT_EQ(str_at(agent_error, {"data", "code"}), "session_closed") << to_text(agent_error);
  EXPECT_EQ(fetch_messages(port, live.chat.token, sid).size(), count);

  // Ratings outside 1..5, or not a number, are bad input.
  EXPECT_TRUE(IsError(rate(0), 400));
  EXPECT_TRUE(IsError(rate(6), 400));
  EXPECT_TRUE(IsError(rate(-1), 400));
  EXPECT_TRUE(IsError(rate("5"), 400));
  EXPECT_TRUE(IsError(request(port, "POST", session_path(sid, "/rating"), "{}", json_bearer(live.chat.token)), 400,
                      "missing_field"));
  // Staff cannot rate.
  const auto staff_rate = request(port, "POST", session_path(sid, "/rating"), R"({"rating": 5})",
                                  json_bearer(live.agent.token));
  EXPECT_TRUE(IsError(staff_rate, 401) || IsError(staff_rate, 403) || IsError(staff_rate, 404))
      << staff_rate.describe();

  // Once.
  const auto rated = rate(4);
  ASSERT_TRUE(HasStatus(rated, 200));
  EXPECT_EQ(int_at(rated.object(), {"session", "id"}), sid) << rated.describe();
  EXPECT_EQ(str_at(rated.object(), {"session", "status"}), "closed") << rated.describe();
  EXPECT_TRUE(IsError(rate(5), 409, "already_rated"));
  EXPECT_TRUE(IsError(rate(4), 409, "already_rated"));
  live.customer->send_json("rate", {{"rating", 3}});
  const auto ws_rate = live.customer->wait_for("error");
  EXPECT_EQ(str_at(ws_rate, {"data", "code"}), "already_rated") << to_text(ws_rate);
}

TEST(ChatFlow, CustomerClosesAndRatesOverTheSocket) {
  auto live = open_live_chat();
  const auto sid = live.sid();
  live.customer->send_type("close");
  const auto closed = live.customer->wait_for("session_update", session_is(sid, "closed"));
  EXPECT_EQ(str_at(closed, {"data", "session", "close_reason"}), "resolved") << to_text(closed);
  live.agent_ws->wait_for("session_update", session_is(sid, "closed"));
  live.customer->send_json("rate", {{"rating", 5}, {"comment", "quick"}});
  const auto rated = live.customer->wait_for("rated");
  EXPECT_EQ(int_at(rated, {"data", "session", "id"}), sid) << to_text(rated);
  EXPECT_TRUE(IsError(request(live.port, "POST", session_path(sid, "/rating"), R"({"rating": 2})",
                              json_bearer(live.chat.token)),
                      409, "already_rated"));
}

TEST(ChatFlow, BadMessageBodiesAreRefusedAndNotStored) {
  auto live = open_live_chat();
  const auto sid = live.sid();
  const auto port = live.port;
  const auto before = fetch_messages(port, live.chat.token, sid).size();
  const std::string too_long(8 * 1024 + 1, 'x');

  // REST.
  for (const auto* token : {&live.chat.token, &live.agent.token}) {
    EXPECT_TRUE(IsError(post_message(port, *token, sid, ""), 400));
    EXPECT_TRUE(IsError(post_message(port, *token, sid, "   \n\t "), 400));
    EXPECT_TRUE(IsError(post_message(port, *token, sid, too_long), 400));
    EXPECT_TRUE(IsError(request(port, "POST", session_path(sid, "/messages"), R"({"body": 5})", json_bearer(*token)),
                        400, "invalid_field"));
    EXPECT_TRUE(IsError(request(port, "POST", session_path(sid, "/messages"), R"({"client_msg_id": "x"})",
                                json_bearer(*token)),
                        400, "missing_field"));
    EXPECT_TRUE(IsError(request(port, "POST", session_path(sid, "/messages"), "{", json_bearer(*token)), 400,
                        "invalid_json"));
  }

  // WebSocket: an error naming the client_msg_id, nothing stored, the socket stays.
  const std::vector<std::pair<std::string, std::string>> bad{{"e-empty", ""}, {"e-blank", "  \n "},
                                                             {"e-long", too_long}};
  for (const auto& [id, body] : bad) {
    live.customer->send_json("send_message", {{"body", body}, {"client_msg_id", id}});
    const auto error = live.customer->wait_for("error", ack_for(id));
    EXPECT_FALSE(str_at(error, {"data", "code"}).empty()) << to_text(error);
    live.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", body}, {"client_msg_id", id}});
    const auto agent_error = live.agent_ws->wait_for("error", ack_for(id));
    EXPECT_FALSE(str_at(agent_error, {"data", "code"}).empty()) << to_text(agent_error);
  }
  live.customer->sync();
  live.agent_ws->sync();
  EXPECT_EQ(fetch_messages(port, live.chat.token, sid).size(), before);
  for (const auto& frame : live.customer->backlog())
    EXPECT_NE(str_at(frame, {"type"}), "message_created") << to_text(frame);

  // Exactly 8 KiB is fine.
  const std::string longest(8 * 1024, 'y');
  EXPECT_TRUE(HasStatus(post_message(port, live.chat.token, sid, longest), 201));
  live.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", longest}, {"client_msg_id", "max"}});
  const auto ack = live.agent_ws->wait_for("message_ack", ack_for("max"));
  EXPECT_EQ(str_at(ack, {"data", "message", "body"}).size(), longest.size());
  EXPECT_EQ(fetch_messages(port, live.chat.token, sid).size(), before + 2);
}

}  // namespace
}  // namespace livedesk::it
