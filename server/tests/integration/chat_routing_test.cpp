// Who gets which chat: take races, least-loaded routing, returning
// customers, unanswered chats, customers who leave the queue, agents who go.
#include <gtest/gtest.h>

#include <latch>
#include <memory>
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

const StaffUser kAnn{"ann", "ann-password-123", "agent", "Ann Agent"};
const StaffUser kBen{"ben", "ben-password-123", "agent", "Ben Agent"};
const StaffUser kSupervisor{"sam", "sam-password-123", "supervisor", "Sam Super"};

void set_status(WsClient& ws, const std::string& status) {
  ws.send_json("set_status", {{"status", status}});
  const auto answer = ws.wait_for("status");
  EXPECT_EQ(str_at(answer, {"data", "status"}), status) << to_text(answer);
}

HttpResult take(unsigned short port, const std::string& token, std::int64_t sid) {
  return request(port, "POST", session_path(sid, "/take"), "", bearer(token));
}

// The agent's entry in GET /api/v1/staff (empty when missing).
json::object staff_entry(unsigned short port, const std::string& supervisor, std::int64_t id) {
  const auto result = request(port, "GET", "/api/v1/staff", "", bearer(supervisor));
  if (result.status != 200 || !result.json) throw std::runtime_error("GET /api/v1/staff: " + result.describe());
  const auto* users = find_path(*result.json, {"users"});
  if (!users || !users->is_array()) throw std::runtime_error("GET /api/v1/staff has no users: " + result.describe());
  for (const auto& u : users->as_array())
    if (u.is_object() && int_at(u.as_object(), {"id"}) == id) return u.as_object();
  return {};
}

json::object dashboard_agent(unsigned short port, const std::string& supervisor, std::int64_t id) {
  const auto result = request(port, "GET", "/api/v1/admin/chat-dashboard/agents", "", bearer(supervisor));
  if (result.status != 200 || !result.json)
    throw std::runtime_error("GET dashboard agents: " + result.describe());
  const auto* agents = find_path(*result.json, {"agents"});
  if (!agents || !agents->is_array()) throw std::runtime_error("dashboard agents: " + result.describe());
  for (const auto& a : agents->as_array())
    if (a.is_object() && int_at(a.as_object(), {"id"}) == id) return a.as_object();
  return {};
}

FramePredicate assigned_to(std::int64_t sid, std::int64_t agent_id) {
  return [=](const json::object& frame) {
    return session_is(sid, "active")(frame) && int_at(frame, {"data", "session", "agent", "id"}) == agent_id;
  };
}

TEST(ChatRouting, TwentyAgentsRaceToTakeOneChatAndExactlyOneWins) {
  constexpr int kAgents = 20;
  std::vector<StaffUser> users;
  for (int i = 0; i < kAgents; ++i)
    users.push_back({"agent" + std::to_string(i), "password-of-agent-" + std::to_string(i), "agent",
                     "Agent " + std::to_string(i)});
  users.push_back(kSupervisor);
  ServerProcess server({.users = users});
  const auto port = server.port();

  std::vector<StaffLogin> logins;
  std::vector<std::unique_ptr<WsClient>> sockets;
  for (int i = 0; i < kAgents; ++i) {
    logins.push_back(login_staff(port, users[i].username, users[i].password));
    sockets.push_back(open_agent(port, logins.back().token));
    set_status(*sockets.back(), "idle");
  }
  const auto supervisor = login(port, kSupervisor.username, kSupervisor.password);

  const auto chat = start_chat(port, "Rita", "rita@example.com", {{"message", "who's first?"}});
  // Idle agents get nothing on their own.
  EXPECT_EQ(str_at(fetch_session(port, supervisor, chat.session_id), {"status"}), "waiting");

  std::vector<HttpResult> results(kAgents);
  std::latch start(kAgents);
  std::vector<std::thread> threads;
  for (int i = 0; i < kAgents; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = try_request(port, "POST", session_path(chat.session_id, "/take"), "", bearer(logins[i].token));
    });
  for (auto& t : threads) t.join();

  int winners = 0, conflicts = 0, winner = -1;
  for (int i = 0; i < kAgents; ++i) {
    if (results[i].status == 200) {
      ++winners;
      winner = i;
    } else if (IsError(results[i], 409, "already_assigned")) {
      ++conflicts;
    } else {
      ADD_FAILURE() << "agent" << i << " got neither 200 nor 409 already_assigned:\n" << results[i].describe();
    }
  }
  EXPECT_EQ(winners, 1);
  EXPECT_EQ(conflicts, kAgents - 1);
  ASSERT_GE(winner, 0);
  const auto& won = results[winner].object();
  EXPECT_EQ(int_at(won, {"session", "id"}), chat.session_id) << results[winner].describe();
  EXPECT_EQ(str_at(won, {"session", "status"}), "active") << results[winner].describe();
  EXPECT_EQ(int_at(won, {"session", "agent", "id"}), logins[winner].id) << results[winner].describe();

  const auto stored = fetch_session(port, supervisor, chat.session_id);
  EXPECT_EQ(str_at(stored, {"status"}), "active") << to_text(stored);
  EXPECT_EQ(int_at(stored, {"agent", "id"}), logins[winner].id) << to_text(stored);
  // Everyone on the floor sees who got it.
  const int other = winner == 0 ? 1 : 0;
  sockets[winner]->wait_for("session_update", assigned_to(chat.session_id, logins[winner].id));
  sockets[other]->wait_for("session_update", assigned_to(chat.session_id, logins[winner].id));
  // A late take is a conflict too.
  EXPECT_TRUE(IsError(take(port, logins[other].token, chat.session_id), 409, "already_assigned"));
  sockets[other]->send_json("take", {{"session_id", chat.session_id}});
  const auto refused = sockets[other]->wait_for("error");
  EXPECT_EQ(str_at(refused, {"data", "code"}), "already_assigned") << to_text(refused);
  EXPECT_EQ(int_at(fetch_session(port, supervisor, chat.session_id), {"agent", "id"}), logins[winner].id);
}

TEST(ChatRouting, LeastLoadedActiveAgentGetsTheNextChat) {
  ServerProcess server({.users = {kAnn, kBen, kSupervisor}});
  const auto port = server.port();
  const auto ann = login_staff(port, kAnn.username, kAnn.password);
  const auto ben = login_staff(port, kBen.username, kBen.password);

  auto ann_ws = open_agent(port, ann.token);
  // Only Ann is on: she gets the first two chats.
  for (int i = 1; i <= 2; ++i) {
    const auto chat = start_chat(port, "C" + std::to_string(i), "c" + std::to_string(i) + "@example.com");
    ann_ws->wait_for("session_update", assigned_to(chat.session_id, ann.id));
  }
  // Ben comes on with nothing: the next two are his (2 > 0, then 2 > 1).
  auto ben_ws = open_agent(port, ben.token);
  for (int i = 3; i <= 4; ++i) {
    const auto chat = start_chat(port, "C" + std::to_string(i), "c" + std::to_string(i) + "@example.com");
    const auto update = ben_ws->wait_for("session_update", session_is(chat.session_id, "active"));
    EXPECT_EQ(int_at(update, {"data", "session", "agent", "id"}), ben.id)
        << "chat " << i << " went elsewhere: " << to_text(update);
  }
  const auto ben_sessions = request(port, "GET", "/api/v1/agent/sessions", "", bearer(ben.token));
  ASSERT_TRUE(HasStatus(ben_sessions, 200));
  EXPECT_EQ(find_path(*ben_sessions.json, {"sessions"})->as_array().size(), 2u) << ben_sessions.describe();
  const auto ann_sessions = request(port, "GET", "/api/v1/agent/sessions", "", bearer(ann.token));
  ASSERT_TRUE(HasStatus(ann_sessions, 200));
  EXPECT_EQ(find_path(*ann_sessions.json, {"sessions"})->as_array().size(), 2u) << ann_sessions.describe();
}

TEST(ChatRouting, ReturningCustomerGoesToThePreviousAgentWhenThatAgentCanTakeIt) {
  ServerProcess server({.users = {kAnn, kBen, kSupervisor}});
  const auto port = server.port();
  const auto ann = login_staff(port, kAnn.username, kAnn.password);
  const auto ben = login_staff(port, kBen.username, kBen.password);
  auto ann_ws = open_agent(port, ann.token);
  auto ben_ws = open_agent(port, ben.token);
  set_status(*ann_ws, "idle");
  set_status(*ben_ws, "idle");

  // Ann helps Xena and Wade (both closed), then takes Yuri (open): Ann 1, Ben 0.
  for (const auto* email : {"xena@example.com", "wade@example.com"}) {
    const auto chat = start_chat(port, "Customer", email);
    ASSERT_TRUE(HasStatus(take(port, ann.token, chat.session_id), 200));
    ASSERT_TRUE(HasStatus(request(port, "POST", session_path(chat.session_id, "/close"), "", bearer(ann.token)), 200));
  }
  const auto yuri = start_chat(port, "Yuri", "yuri@example.com");
  ASSERT_TRUE(HasStatus(take(port, ann.token, yuri.session_id), 200));

  set_status(*ann_ws, "active");
  set_status(*ben_ws, "active");
  // Xena comes back: Ann, although Ben has less to do.
  const auto xena = start_chat(port, "Xena", "xena@example.com");
  const auto back = ann_ws->wait_for("session_update", session_is(xena.session_id, "active"));
  EXPECT_EQ(int_at(back, {"data", "session", "agent", "id"}), ann.id) << to_text(back);

  // Ann fills up (3 = capacity) while Ben is away.
  set_status(*ben_ws, "idle");
  const auto zoe = start_chat(port, "Zoe", "zoe@example.com");
  ann_ws->wait_for("session_update", assigned_to(zoe.session_id, ann.id));
  set_status(*ben_ws, "active");
  // Wade comes back while Ann is full: Ben.
  const auto wade = start_chat(port, "Wade", "wade@example.com");
  const auto to_ben = ben_ws->wait_for("session_update", session_is(wade.session_id, "active"));
  EXPECT_EQ(int_at(to_ben, {"data", "session", "agent", "id"}), ben.id) << to_text(to_ben);
}

TEST(ChatRouting, UnansweredChatGoesToTheOtherAgentAndTheFirstIsRevoked) {
  ServerProcess server({.users = {kAnn, kBen}, .args = {"--unanswered-timeout-ms", "500", "--tick-ms", "100"}});
  const auto port = server.port();
  const auto ann = login_staff(port, kAnn.username, kAnn.password);
  const auto ben = login_staff(port, kBen.username, kBen.password);
  auto ann_ws = open_agent(port, ann.token);
  auto ben_ws = open_agent(port, ben.token);

  const auto chat = start_chat(port, "Una", "una@example.com", {{"message", "hello? anyone?"}});
  auto customer = open_customer(port, chat.token);
  const auto first = ann_ws->wait_for("session_update", session_is(chat.session_id, "active"));
  const auto first_agent = int_at(first, {"data", "session", "agent", "id"});
  ASSERT_TRUE(first_agent == ann.id || first_agent == ben.id) << to_text(first);
  const bool ann_first = first_agent == ann.id;
  WsClient& silent = ann_first ? *ann_ws : *ben_ws;
  WsClient& other = ann_first ? *ben_ws : *ann_ws;
  const auto other_id = ann_first ? ben.id : ann.id;

  // The silent agent loses it...
  const auto revoked = silent.wait_for("assignment_revoked", [&](const json::object& f) {
    return int_at(f, {"data", "session_id"}) == chat.session_id;
  });
  EXPECT_EQ(str_at(revoked, {"data", "reason"}), "unanswered") << to_text(revoked);
  // ... and the other one gets it; the customer sees the transfer.
  other.wait_for("session_update", assigned_to(chat.session_id, other_id));
  customer->wait_for("session_update", assigned_to(chat.session_id, other_id));
}

TEST(ChatRouting, WaitingCustomerWhoLeavesEndsAsMissed) {
  ServerProcess server({.users = {kSupervisor}, .args = {"--waiting-grace-ms", "300", "--tick-ms", "100"}});
  const auto port = server.port();
  const auto supervisor = login(port, kSupervisor.username, kSupervisor.password);
  const auto chat = start_chat(port, "Mia", "mia@example.com");
  auto customer = open_customer(port, chat.token);
  customer->close();

  json::object session;
  poll_until(
      [&] {
        session = fetch_session(port, supervisor, chat.session_id);
        return str_at(session, {"status"}) != "waiting";
      },
      "the abandoned chat to leave the queue");
  EXPECT_EQ(str_at(session, {"status"}), "closed") << to_text(session);
  EXPECT_EQ(str_at(session, {"close_reason"}), "missed") << to_text(session);
  EXPECT_EQ(int_at(session, {"queue_position"}), 0) << to_text(session);
  ASSERT_TRUE(session.contains("agent")) << to_text(session);
  EXPECT_TRUE(session.at("agent").is_null()) << to_text(session);
  // The queue is empty again.
  const auto queue = request(port, "GET", "/api/v1/chat/queue", "", bearer(supervisor));
  ASSERT_TRUE(HasStatus(queue, 200));
  EXPECT_EQ(int_at(queue.object(), {"depth"}), 0) << queue.describe();
}

TEST(ChatRouting, AgentGoesOfflineAfterItsLastConnectionAndKeepsItsChats) {
  ServerProcess server({.users = {kAnn, kSupervisor}, .args = {"--agent-offline-ms", "300", "--tick-ms", "100"}});
  const auto port = server.port();
  const auto ann = login_staff(port, kAnn.username, kAnn.password);
  const auto supervisor = login(port, kSupervisor.username, kSupervisor.password);
  auto ann_ws = open_agent(port, ann.token);
  const auto chat = start_chat(port, "Olga", "olga@example.com");
  ann_ws->wait_for("session_update", assigned_to(chat.session_id, ann.id));
  EXPECT_EQ(str_at(staff_entry(port, supervisor, ann.id), {"status"}), "active");

  ann_ws->close();
  json::object entry;
  poll_until(
      [&] {
        entry = staff_entry(port, supervisor, ann.id);
        return str_at(entry, {"status"}) == "offline";
      },
      "ann to show offline in GET /api/v1/staff");
  const auto on_dashboard = dashboard_agent(port, supervisor, ann.id);
  EXPECT_EQ(str_at(on_dashboard, {"status"}), "offline") << to_text(on_dashboard);
  EXPECT_EQ(int_at(on_dashboard, {"active_sessions"}), 1) << to_text(on_dashboard);

  // The chat stays with her.
  const auto session = fetch_session(port, supervisor, chat.session_id);
  EXPECT_EQ(str_at(session, {"status"}), "active") << to_text(session);
  EXPECT_EQ(int_at(session, {"agent", "id"}), ann.id) << to_text(session);
  const auto mine = request(port, "GET", "/api/v1/agent/sessions", "", bearer(ann.token));
  ASSERT_TRUE(HasStatus(mine, 200));
  const auto* list = find_path(*mine.json, {"sessions"});
  ASSERT_TRUE(list && list->is_array() && list->as_array().size() == 1) << mine.describe();

  // Coming back lists it and makes her active again.
  json::object auth;
  auto again = open_agent(port, ann.token, {}, &auth);
  const auto* sessions = find_path(auth, {"sessions"});
  ASSERT_TRUE(sessions && sessions->is_array() && sessions->as_array().size() == 1) << to_text(auth);
  EXPECT_EQ(int_at(sessions->as_array()[0].as_object(), {"id"}), chat.session_id) << to_text(auth);
  poll_until([&] { return str_at(staff_entry(port, supervisor, ann.id), {"status"}) == "active"; },
             "ann to be active again after reconnecting");
}

}  // namespace
}  // namespace livedesk::it
