// Nothing lost, nothing doubled: many messages, resends, reconnects, a
// SIGKILL, and garbage on the chat sockets.
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

const StaffUser kAgent{"ann", "ann-password-123", "agent", "Ann Agent"};
const StaffUser kSupervisor{"sam", "sam-password-123", "supervisor", "Sam Super"};

struct Pair {
  std::unique_ptr<ServerProcess> server;
  unsigned short port = 0;
  StaffLogin agent;
  StartedChat chat;
  std::unique_ptr<WsClient> customer;
  std::unique_ptr<WsClient> agent_ws;
  std::int64_t sid() const { return chat.session_id; }
};

// The agent is on and has the customer's chat; both sockets are open.
Pair open_pair(std::vector<std::string> args = {}) {
  Pair p;
  p.server = std::make_unique<ServerProcess>(ServerOptions{.users = {kAgent, kSupervisor}, .args = std::move(args)});
  p.port = p.server->port();
  p.agent = login_staff(p.port, kAgent.username, kAgent.password);
  p.agent_ws = open_agent(p.port, p.agent.token);
  p.chat = start_chat(p.port, "Carl", "carl@example.com");
  p.agent_ws->wait_for("session_update", [&](const json::object& f) {
    return session_is(p.sid(), "active")(f) && int_at(f, {"data", "session", "agent", "id"}) == p.agent.id;
  });
  p.customer = open_customer(p.port, p.chat.token);
  return p;
}

json::object message_of(const json::object& frame) {
  const auto* m = find_path(frame, {"data", "message"});
  if (!m || !m->is_object()) throw std::runtime_error("no data.message in " + to_text(frame));
  return m->as_object();
}

// Takes message_created frames of `sid` (in arrival order, other frames
// skipped) until one with seq `until` has come.
std::vector<json::object> collect_until(WsClient& ws, std::int64_t sid, std::int64_t until) {
  std::vector<json::object> messages;
  while (true) {
    auto frame = ws.next_frame();
    if (str_at(frame, {"type"}) != "message_created" || int_at(frame, {"data", "session_id"}) != sid) continue;
    messages.push_back(message_of(frame));
    if (int_at(messages.back(), {"seq"}) == until) return messages;
  }
}

// message_created frames of `sid` left in the backlog after a heartbeat round trip.
std::vector<json::object> leftovers(WsClient& ws, std::int64_t sid) {
  ws.sync();
  std::vector<json::object> extra;
  for (auto& frame : ws.take_backlog())
    if (str_at(frame, {"type"}) == "message_created" && int_at(frame, {"data", "session_id"}) == sid)
      extra.push_back(message_of(frame));
  return extra;
}

::testing::AssertionResult StrictlyIncreasing(const std::vector<json::object>& messages) {
  std::int64_t previous = 0;
  for (const auto& m : messages) {
    const auto seq = int_at(m, {"seq"}).value_or(-1);
    if (seq <= previous)
      return ::testing::AssertionFailure() << "seq " << seq << " after " << previous << ": " << to_text(m);
    previous = seq;
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult Consecutive(const std::vector<json::object>& messages, std::int64_t first) {
  std::int64_t expected = first;
  for (const auto& m : messages) {
    const auto seq = int_at(m, {"seq"}).value_or(-1);
    if (seq != expected)
      return ::testing::AssertionFailure() << "expected seq " << expected << ", got " << seq << ": " << to_text(m);
    ++expected;
  }
  return ::testing::AssertionSuccess();
}

TEST(ChatReliability, ThousandMessagesBothWaysArriveExactlyOnceInOrder) {
  auto p = open_pair();
  const auto sid = p.sid();
  constexpr int kEach = 500;
  std::map<std::string, json::object> acked;  // client_msg_id -> stored message
  std::int64_t max_seq = 0;
  for (int i = 0; i < kEach; ++i) {
    const auto cid = "c-" + std::to_string(i), aid = "a-" + std::to_string(i);
    p.customer->send_json("send_message", {{"body", "from customer " + std::to_string(i)}, {"client_msg_id", cid}});
    p.agent_ws->send_json("send_message",
                          {{"session_id", sid}, {"body", "from agent " + std::to_string(i)}, {"client_msg_id", aid}});
    for (auto [ws, id] : {std::pair{p.customer.get(), cid}, std::pair{p.agent_ws.get(), aid}}) {
      const auto ack = ws->wait_for("message_ack", ack_for(id));
      ASSERT_EQ(find_path(ack, {"data", "duplicate"}) ? *find_path(ack, {"data", "duplicate"}) : json::value(),
                json::value(false))
          << to_text(ack);
      auto message = message_of(ack);
      max_seq = std::max(max_seq, int_at(message, {"seq"}).value_or(0));
      ASSERT_TRUE(acked.emplace(id, std::move(message)).second);
    }
  }

  // Each side: everything up to the last seq, in order, the other's messages once each.
  for (auto [ws, other_prefix, other_sender] :
       {std::tuple{p.customer.get(), std::string("a-"), std::string("agent")},
        std::tuple{p.agent_ws.get(), std::string("c-"), std::string("customer")}}) {
    SCOPED_TRACE(ws->label());
    auto received = collect_until(*ws, sid, max_seq);
    const auto extra = leftovers(*ws, sid);
    EXPECT_TRUE(extra.empty()) << extra.size() << " message_created frames after the last seq, first: "
                               << to_text(extra.front());
    EXPECT_TRUE(StrictlyIncreasing(received));
    std::map<std::string, int> seen;
    for (const auto& m : received)
      if (str_at(m, {"sender_type"}) == other_sender) ++seen[str_at(m, {"client_msg_id"})];
    for (int i = 0; i < kEach; ++i) {
      const auto id = other_prefix + std::to_string(i);
      EXPECT_EQ(seen[id], 1) << id << " arrived " << seen[id] << " times";
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kEach));
    for (const auto& m : received) {
      const auto id = str_at(m, {"client_msg_id"});
      if (acked.count(id)) {
        EXPECT_EQ(int_at(m, {"id"}), int_at(acked[id], {"id"})) << to_text(m);
        EXPECT_EQ(int_at(m, {"seq"}), int_at(acked[id], {"seq"})) << to_text(m);
      }
    }
  }
  // The customer also sees its own messages (other tabs): a gapless run.
  // (Checked on the stored history below as well.)

  const auto history = fetch_messages(p.port, p.chat.token, sid);
  EXPECT_GE(history.size(), 2u * kEach);
  EXPECT_TRUE(Consecutive(history, 1));
  std::map<std::string, int> stored;
  for (const auto& m : history) {
    const auto id = str_at(m, {"client_msg_id"});
    if (id.empty()) {
      EXPECT_EQ(str_at(m, {"sender_type"}), "system") << "a message without client_msg_id: " << to_text(m);
      continue;
    }
    ++stored[id];
    ASSERT_TRUE(acked.count(id)) << to_text(m);
    EXPECT_EQ(int_at(m, {"id"}), int_at(acked[id], {"id"})) << to_text(m);
    EXPECT_EQ(int_at(m, {"seq"}), int_at(acked[id], {"seq"})) << to_text(m);
  }
  EXPECT_EQ(stored.size(), 2u * kEach);
  for (const auto& [id, count] : stored) EXPECT_EQ(count, 1) << id;
}

TEST(ChatReliability, ResendWithTheSameClientMsgIdIsADuplicate) {
  auto p = open_pair();
  const auto sid = p.sid();
  const auto before = fetch_messages(p.port, p.chat.token, sid).size();

  // REST, twice.
  const auto first = post_message(p.port, p.chat.token, sid, "only once please", "dup-1");
  ASSERT_TRUE(HasStatus(first, 201));
  EXPECT_EQ(*find_path(*first.json, {"duplicate"}), json::value(false)) << first.describe();
  const auto m1 = find_path(*first.json, {"message"})->as_object();
  EXPECT_EQ(str_at(m1, {"client_msg_id"}), "dup-1") << first.describe();
  const auto again = post_message(p.port, p.chat.token, sid, "only once please", "dup-1");
  ASSERT_TRUE(HasStatus(again, 200));
  EXPECT_EQ(*find_path(*again.json, {"duplicate"}), json::value(true)) << again.describe();
  EXPECT_EQ(int_at(again.object(), {"message", "id"}), int_at(m1, {"id"})) << again.describe();
  EXPECT_EQ(int_at(again.object(), {"message", "seq"}), int_at(m1, {"seq"})) << again.describe();

  // WebSocket, twice, then once more over REST.
  p.customer->send_json("send_message", {{"body", "socket once"}, {"client_msg_id", "dup-2"}});
  const auto ack1 = p.customer->wait_for("message_ack", ack_for("dup-2"));
  EXPECT_EQ(*find_path(ack1, {"data", "duplicate"}), json::value(false)) << to_text(ack1);
  const auto m2 = message_of(ack1);
  p.customer->send_json("send_message", {{"body", "socket once"}, {"client_msg_id", "dup-2"}});
  const auto ack2 = p.customer->wait_for("message_ack", ack_for("dup-2"));
  EXPECT_EQ(*find_path(ack2, {"data", "duplicate"}), json::value(true)) << to_text(ack2);
  EXPECT_EQ(int_at(ack2, {"data", "message", "id"}), int_at(m2, {"id"})) << to_text(ack2);
  EXPECT_EQ(int_at(ack2, {"data", "message", "seq"}), int_at(m2, {"seq"})) << to_text(ack2);
  const auto rest_again = post_message(p.port, p.chat.token, sid, "socket once", "dup-2");
  ASSERT_TRUE(HasStatus(rest_again, 200));
  EXPECT_EQ(*find_path(*rest_again.json, {"duplicate"}), json::value(true)) << rest_again.describe();
  EXPECT_EQ(int_at(rest_again.object(), {"message", "seq"}), int_at(m2, {"seq"})) << rest_again.describe();

  // The agent's resend too.
  p.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", "agent once"}, {"client_msg_id", "dup-3"}});
  const auto a1 = p.agent_ws->wait_for("message_ack", ack_for("dup-3"));
  p.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", "agent once"}, {"client_msg_id", "dup-3"}});
  const auto a2 = p.agent_ws->wait_for("message_ack", ack_for("dup-3"));
  EXPECT_EQ(*find_path(a2, {"data", "duplicate"}), json::value(true)) << to_text(a2);
  EXPECT_EQ(int_at(a2, {"data", "message", "id"}), int_at(a1, {"data", "message", "id"})) << to_text(a2);
  const auto m3seq = int_at(a1, {"data", "message", "seq"}).value_or(-1);

  // Stored once each.
  const auto history = fetch_messages(p.port, p.chat.token, sid);
  EXPECT_EQ(history.size(), before + 3);
  std::map<std::string, int> count;
  for (const auto& m : history) ++count[str_at(m, {"client_msg_id"})];
  EXPECT_EQ(count["dup-1"], 1);
  EXPECT_EQ(count["dup-2"], 1);
  EXPECT_EQ(count["dup-3"], 1);

  // Pushed once each.
  auto at_customer = collect_until(*p.customer, sid, m3seq);
  for (auto& m : leftovers(*p.customer, sid)) at_customer.push_back(std::move(m));
  std::map<std::string, int> pushed;
  for (const auto& m : at_customer) ++pushed[str_at(m, {"client_msg_id"})];
  EXPECT_EQ(pushed["dup-1"], 1);
  EXPECT_EQ(pushed["dup-2"], 1);
  EXPECT_EQ(pushed["dup-3"], 1);
  auto at_agent = collect_until(*p.agent_ws, sid, m3seq);
  for (auto& m : leftovers(*p.agent_ws, sid)) at_agent.push_back(std::move(m));
  std::map<std::string, int> pushed_agent;
  for (const auto& m : at_agent) ++pushed_agent[str_at(m, {"client_msg_id"})];
  EXPECT_EQ(pushed_agent["dup-1"], 1);
  EXPECT_EQ(pushed_agent["dup-2"], 1);
}

TEST(ChatReliability, CustomerReconnectsWithLastSeqAndGetsTheRestExactlyOnce) {
  auto p = open_pair();
  const auto sid = p.sid();
  constexpr int kSent = 150;
  std::int64_t first_agent_seq = -1, final_seq = -1;
  std::string agent_failure;
  std::thread agent([&] {
    try {
      for (int i = 0; i < kSent; ++i) {
        const auto id = "r-" + std::to_string(i);
        p.agent_ws->send_json("send_message",
                              {{"session_id", sid}, {"body", "update " + std::to_string(i)}, {"client_msg_id", id}});
        const auto seq = int_at(p.agent_ws->wait_for("message_ack", ack_for(id)), {"data", "message", "seq"});
        if (!seq) throw std::runtime_error("an ack without message.seq");
        if (i == 0) first_agent_seq = *seq;
        final_seq = *seq;
      }
    } catch (const std::exception& e) {
      agent_failure = e.what();
    }
  });

  // Read some, then vanish mid-conversation.
  std::vector<json::object> before;
  while (before.size() < 30) {
    auto frame = p.customer->next_frame();
    if (str_at(frame, {"type"}) == "message_created" && int_at(frame, {"data", "session_id"}) == sid)
      before.push_back(message_of(frame));
  }
  p.customer->drop();
  const auto last_seen = int_at(before.back(), {"seq"}).value_or(-1);
  EXPECT_TRUE(StrictlyIncreasing(before));

  // Back, while the agent is still typing away.
  auto customer = open_customer(p.port, p.chat.token, last_seen);
  agent.join();
  ASSERT_TRUE(agent_failure.empty()) << agent_failure;
  ASSERT_GT(final_seq, last_seen) << "the agent finished before the customer left; nothing to resume";
  auto after = collect_until(*customer, sid, final_seq);
  EXPECT_TRUE(Consecutive(after, last_seen + 1));
  // Then live ones.
  p.agent_ws->send_json("send_message", {{"session_id", sid}, {"body", "live one"}, {"client_msg_id", "live"}});
  const auto live_seq = int_at(p.agent_ws->wait_for("message_ack", ack_for("live")), {"data", "message", "seq"});
  ASSERT_TRUE(live_seq);
  for (auto& m : collect_until(*customer, sid, *live_seq)) after.push_back(std::move(m));
  const auto extra = leftovers(*customer, sid);
  EXPECT_TRUE(extra.empty()) << "duplicates after the live message, first: " << to_text(extra.front());
  EXPECT_TRUE(Consecutive(after, last_seen + 1));
  // Together: every agent message exactly once.
  std::map<std::string, int> seen;
  for (const auto* list : {&before, &after})
    for (const auto& m : *list) ++seen[str_at(m, {"client_msg_id"})];
  for (int i = 0; i < kSent; ++i) EXPECT_EQ(seen["r-" + std::to_string(i)], 1) << "r-" << i;
  EXPECT_EQ(seen["live"], 1);
  EXPECT_GE(first_agent_seq, 1);
}

TEST(ChatReliability, AckedMessagesSurviveSigkill) {
  TempDir dir("livedesk-sigkill");
  const auto data_dir = dir.path() / "data";
  auto first = std::make_unique<ServerProcess>(ServerOptions{.users = {kSupervisor}, .data_dir = data_dir});
  const auto chat = start_chat(first->port(), "Kim", "kim@example.com");
  std::vector<json::object> acked;
  for (int i = 0; i < 200; ++i) {
    const auto result = post_message(first->port(), chat.token, chat.session_id, "durable " + std::to_string(i),
                                     "k-" + std::to_string(i));
    ASSERT_TRUE(HasStatus(result, 201)) << "message " << i;
    acked.push_back(find_path(*result.json, {"message"})->as_object());
  }
  EXPECT_EQ(first->stop(SIGKILL), 128 + SIGKILL);

  ServerProcess second({.data_dir = data_dir});
  const auto supervisor = login(second.port(), kSupervisor.username, kSupervisor.password);
  const auto history = fetch_messages(second.port(), supervisor, chat.session_id);
  std::map<std::string, json::object> by_id;
  for (const auto& m : history) by_id[str_at(m, {"client_msg_id"})] = m;
  for (int i = 0; i < 200; ++i) {
    const auto id = "k-" + std::to_string(i);
    ASSERT_TRUE(by_id.count(id)) << id << " is gone after SIGKILL (" << history.size() << " messages stored)";
    EXPECT_EQ(int_at(by_id[id], {"id"}), int_at(acked[i], {"id"})) << id;
    EXPECT_EQ(int_at(by_id[id], {"seq"}), int_at(acked[i], {"seq"})) << id;
    EXPECT_EQ(str_at(by_id[id], {"body"}), "durable " + std::to_string(i)) << id;
  }
  EXPECT_TRUE(Consecutive(history, 1));
  // The customer's token still opens the chat after the restart.
  const auto own = request(second.port(), "GET", session_path(chat.session_id, "/messages?limit=1000"), "",
                           bearer(chat.token));
  EXPECT_TRUE(HasStatus(own, 200));
}

// ---- garbage on the sockets -------------------------------------------------

struct Sockets {
  std::unique_ptr<ServerProcess> server;
  StartedChat chat;
  std::string agent_token;
  std::unique_ptr<WsClient> customer;
  std::unique_ptr<WsClient> agent;
};

Sockets open_sockets(std::vector<std::string> args = {}) {
  Sockets s;
  s.server = std::make_unique<ServerProcess>(ServerOptions{.users = {kAgent}, .args = std::move(args)});
  s.chat = start_chat(s.server->port(), "Gus", "gus@example.com");
  s.agent_token = login(s.server->port(), kAgent.username, kAgent.password);
  s.customer = open_customer(s.server->port(), s.chat.token);
  s.agent = open_agent(s.server->port(), s.agent_token);
  return s;
}

std::string next_error_code(WsClient& ws) { return str_at(ws.wait_for("error"), {"data", "code"}); }

TEST(ChatReliability, GarbageAfterAuthGetsAnErrorAndTheSocketStays) {
  auto s = open_sockets();
  for (auto* ws : {s.customer.get(), s.agent.get()}) {
    SCOPED_TRACE(ws->label());
    ws->send_text("{not json");
    EXPECT_EQ(next_error_code(*ws), "bad_message");
    ws->send_text("[1, 2, 3]");
    EXPECT_EQ(next_error_code(*ws), "bad_message");
    ws->send_text(R"({"data": {}})");
    EXPECT_EQ(next_error_code(*ws), "bad_message");
    ws->send_text(R"({"type": "frobnicate", "data": {}})");
    EXPECT_EQ(next_error_code(*ws), "unknown_type");
    ws->send_binary(std::string("\x01\x02\x03", 3));
    EXPECT_FALSE(next_error_code(*ws).empty());
    ws->send_type("heartbeat");
    const auto pong = ws->wait_for("heartbeat");
    EXPECT_EQ(find_path(pong, {"data", "pong"}) ? *find_path(pong, {"data", "pong"}) : json::value(),
              json::value(true))
        << to_text(pong);
    EXPECT_FALSE(ws->closed());
  }
}

TEST(ChatReliability, OversizedFrameCloses1009) {
  auto s = open_sockets();
  const std::string huge =
      json::serialize(json::object{{"type", "send_message"}, {"data", {{"body", std::string(70 * 1024, 'x')}}}});
  for (auto* ws : {s.customer.get(), s.agent.get()}) {
    SCOPED_TRACE(ws->label());
    ws->send_raw_frame(huge);
    EXPECT_EQ(ws->expect_closed(), 1009) << ws->describe();
  }
  for (const auto& m : fetch_messages(s.server->port(), s.chat.token, s.chat.session_id))
    EXPECT_LE(str_at(m, {"body"}).size(), 8u * 1024) << "the oversized frame was stored";
}

TEST(ChatReliability, InvalidUtf8Closes1007) {
  auto s = open_sockets();
  const std::string bad = "{\"type\": \"heartbeat\", \"data\": {\"note\": \"\xff\xfe\xc3\x28\"}}";
  for (auto* ws : {s.customer.get(), s.agent.get()}) {
    SCOPED_TRACE(ws->label());
    ws->send_raw_frame(bad);
    EXPECT_EQ(ws->expect_closed(), 1007) << ws->describe();
  }
}

TEST(ChatReliability, NoAuthInTimeIsAuthTimeoutThen1008) {
  ServerProcess server({.args = {"--ws-auth-timeout-ms", "300"}});
  for (const auto* path : {"/api/v1/chat/ws", "/api/v1/agent/ws"}) {
    SCOPED_TRACE(path);
    WsClient ws(server.port(), path, path);
    const auto error = ws.wait_for("error");
    EXPECT_EQ(str_at(error, {"data", "code"}), "auth_timeout") << to_text(error);
    EXPECT_EQ(ws.expect_closed(), 1008) << ws.describe();
  }
}

TEST(ChatReliability, FirstFrameNotAuthIsNotAuthenticatedThen1008) {
  ServerProcess server;
  for (const auto* path : {"/api/v1/chat/ws", "/api/v1/agent/ws"}) {
    SCOPED_TRACE(path);
    {
      WsClient ws(server.port(), path, std::string(path) + " heartbeat");
      ws.send_type("heartbeat");
      const auto error = ws.wait_for("error");
      EXPECT_EQ(str_at(error, {"data", "code"}), "not_authenticated") << to_text(error);
      EXPECT_EQ(ws.expect_closed(), 1008) << ws.describe();
    }
    {
      WsClient ws(server.port(), path, std::string(path) + " malformed");
      ws.send_text("{not json");
      const auto error = ws.wait_for("error");
      EXPECT_EQ(str_at(error, {"data", "code"}), "not_authenticated") << to_text(error);
      EXPECT_EQ(ws.expect_closed(), 1008) << ws.describe();
    }
    {
      WsClient ws(server.port(), path, std::string(path) + " send_message");
      ws.send_json("send_message", {{"body", "hi"}});
      const auto error = ws.wait_for("error");
      EXPECT_EQ(str_at(error, {"data", "code"}), "not_authenticated") << to_text(error);
      EXPECT_EQ(ws.expect_closed(), 1008) << ws.describe();
    }
  }
}

}  // namespace
}  // namespace livedesk::it
