// Several nodes on real PostgreSQL, Redis and nginx: the chat flows when its
// customer, agent and dashboard sit on different nodes; a chat is assigned
// once however many nodes race for it; and nothing acknowledged is lost or
// doubled when a node is SIGKILLed or Redis restarts.
#include <gtest/gtest.h>

#include <csignal>
#include <future>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/cluster_support.hpp"
#include "support/dashboard_support.hpp"
#include "support/http_client.hpp"
#include "support/sticky_client.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

const StaffUser kAgent{"ann", "ann-password-123", "agent", "Ann Agent"};
const StaffUser kSupervisor{"sam", "sam-password-123", "supervisor", "Sam Super"};

json::object message_of(const json::object& frame) { return find_path(frame, {"data", "message"})->as_object(); }

// The stored history: seqs 1..n without a gap, each client_msg_id once.
void expect_gap_free_history(unsigned short port, const std::string& token, std::int64_t session_id,
                             const std::vector<std::string>& client_ids) {
  const auto stored = fetch_messages(port, token, session_id);
  std::map<std::string, int> copies;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(int_at(stored[i], {"seq"}), std::int64_t(i + 1)) << "stored seqs have a gap or a repeat";
    const auto* id = stored[i].if_contains("client_msg_id");
    if (id && id->is_string()) ++copies[std::string(id->as_string())];
  }
  for (const auto& id : client_ids) EXPECT_EQ(copies[id], 1) << id << " stored " << copies[id] << " times";
}

std::string metrics_signature(unsigned short port, const std::string& token) {
  auto metrics = request(port, "GET", std::string(kDashboardRest) + "/overview", "", bearer(token));
  if (metrics.status != 200) throw std::runtime_error(metrics.describe());
  const auto body = json::parse(metrics.body).as_object();
  return to_text(*find_path(body, {"active_sessions"})) + "/" + to_text(*find_path(body, {"waiting_sessions"})) +
         "/" + to_text(*find_path(body, {"messages", "today"}));
}

TEST(Cluster, CustomerAgentAndDashboardOnThreeNodesAllFlow) {
  Cluster cluster({.users = {kAgent, kSupervisor}, .balancer = false});
  const int lead = cluster.leader();
  const int customer_node = (lead + 1) % 3, agent_node = (lead + 2) % 3;

  const auto supervisor = login_staff(cluster.port(lead), kSupervisor.username, kSupervisor.password);
  auto dashboard = open_dashboard(cluster.port(lead), supervisor.token);
  const auto agent = login_staff(cluster.port(agent_node), kAgent.username, kAgent.password);
  auto agent_ws = open_agent(cluster.port(agent_node), agent.token);
  const auto chat = start_chat(cluster.port(customer_node), "Carl", "carl@example.com");

  // Routed by the leader to an agent whose only socket is on another node.
  agent_ws->wait_for("session_update", [&](const json::object& f) {
    return session_is(chat.session_id, "active")(f) && int_at(f, {"data", "session", "agent", "id"}) == agent.id;
  });
  dashboard->wait_for("session_update", session_is(chat.session_id, "active"));

  auto customer = open_customer(cluster.port(customer_node), chat.token);
  std::vector<std::string> ids;
  for (int i = 1; i <= 20; ++i) {
    ids.push_back("c" + std::to_string(i));
    customer->send_json("send_message", {{"body", "question " + std::to_string(i)}, {"client_msg_id", ids.back()}});
    customer->wait_for("message_ack", ack_for(ids.back()));
  }
  std::vector<std::int64_t> agent_seqs;
  std::set<std::string> agent_got;
  while (agent_got.size() < ids.size()) {
    auto message = message_of(agent_ws->wait_for("message_created", message_in(chat.session_id)));
    agent_seqs.push_back(*int_at(message, {"seq"}));
    if (str_at(message, {"sender_type"}) == "customer") agent_got.insert(str_at(message, {"client_msg_id"}));
  }
  EXPECT_TRUE(EachSeqOnceInOrder(agent_seqs));

  agent_ws->send_json("send_message",
                      {{"session_id", chat.session_id}, {"body", "hello from ann"}, {"client_msg_id", "a1"}});
  auto reply = customer->wait_for("message_created", [](const json::object& f) {
    return str_at(f, {"data", "message", "body"}) == "hello from ann";
  });
  EXPECT_EQ(str_at(reply, {"data", "message", "sender_type"}), "agent");
  expect_gap_free_history(cluster.port(lead), chat.token, chat.session_id, ids);

  // Every node answers the dashboard with the leader's numbers.
  poll_until(
      [&] {
        const auto first = metrics_signature(cluster.port(0), supervisor.token);
        return first == metrics_signature(cluster.port(1), supervisor.token) &&
               first == metrics_signature(cluster.port(2), supervisor.token) && first.starts_with("1/0/");
      },
      "the three nodes to report the same dashboard numbers");
}

TEST(Cluster, AgentsOnDifferentNodesRacingForOneChatAssignItOnce) {
  std::vector<StaffUser> users;
  for (int i = 0; i < 9; ++i) users.push_back({"agent" + std::to_string(i), "agent-password-123", "agent", ""});
  Cluster cluster({.users = users, .balancer = false});
  std::vector<StaffLogin> logins;
  for (int i = 0; i < 9; ++i) logins.push_back(login_staff(cluster.port(i % 3), users[i].username, users[i].password));

  for (int round = 0; round < 3; ++round) {
    const auto chat = start_chat(cluster.port(round % 3), "Racer", "racer" + std::to_string(round) + "@example.com");
    std::vector<std::future<HttpResult>> takes;
    for (int i = 0; i < 9; ++i)
      takes.push_back(std::async(std::launch::async, [&, i] {
        return try_request(cluster.port(i % 3), "POST", session_path(chat.session_id, "/take"), "",
                           bearer(logins[i].token));
      }));
    int won = 0, conflicts = 0;
    for (auto& take : takes) {
      const auto result = take.get();
      if (result.status == 200) ++won;
      if (result.status == 409) ++conflicts;
    }
    EXPECT_EQ(won, 1) << "round " << round;
    EXPECT_EQ(conflicts, 8) << "round " << round;
  }
}

TEST(Cluster, RoutingRunsOncePerChangeWhateverNodeTheChatsAndAgentsUse) {
  std::vector<StaffUser> users;
  for (int i = 0; i < 3; ++i) users.push_back({"router" + std::to_string(i), "router-password-123", "agent", ""});
  Cluster cluster({.users = users, .balancer = false});
  std::vector<StaffLogin> agents;
  std::vector<std::unique_ptr<WsClient>> sockets;
  for (int i = 0; i < 3; ++i) {
    agents.push_back(login_staff(cluster.port(i), users[i].username, users[i].password));
    sockets.push_back(open_agent(cluster.port(i), agents[i].token));
  }
  std::vector<StartedChat> chats;
  for (int i = 0; i < 9; ++i)
    chats.push_back(start_chat(cluster.port(i % 3), "Guest", "guest" + std::to_string(i) + "@example.com"));
  std::map<std::int64_t, int> chats_per_agent;
  for (const auto& chat : chats) {
    json::object session;
    poll_until(
        [&] {
          session = fetch_session(cluster.port(0), chat.token, chat.session_id);
          return str_at(session, {"status"}) == "active";
        },
        "chat " + std::to_string(chat.session_id) + " to be routed");
    ++chats_per_agent[*int_at(session, {"agent", "id"})];
  }
  // Every agent hears every floor change: each chat was assigned exactly once.
  auto is_assignment = [](const json::object& f) { return str_at(f, {"data", "change"}) == "assigned"; };
  for (auto& socket : sockets) {
    std::map<std::int64_t, int> assigned;
    while (assigned.size() < chats.size())  // events reach followers through Redis: wait for all of them
      ++assigned[*int_at(socket->wait_for("session_update", is_assignment), {"data", "session", "id"})];
    socket->sync();  // then anything doubled that came with them
    for (const auto& frame : socket->take_backlog())
      if (str_at(frame, {"type"}) == "session_update" && is_assignment(frame))
        ++assigned[*int_at(frame, {"data", "session", "id"})];
    for (const auto& chat : chats)
      EXPECT_EQ(assigned[chat.session_id], 1) << "chat " << chat.session_id << " on " << socket->label();
  }
  // Least loaded first, capacity 3: three each, whichever node each agent sits on.
  for (const auto& agent : agents) EXPECT_EQ(chats_per_agent[agent.id], 3) << "agent " << agent.id;
}

TEST(Cluster, KilledNodesClientsResumeThroughNginxWithNothingLostOrDoubled) {
  Cluster cluster({.users = {kAgent, kSupervisor}});
  const int lead = cluster.leader();
  const int agent_node = (lead + 1) % 3, dashboard_node = (lead + 2) % 3;
  const auto agent = login_staff(cluster.port(agent_node), kAgent.username, kAgent.password);
  const auto supervisor = login_staff(cluster.port(dashboard_node), kSupervisor.username, kSupervisor.password);
  auto dashboard = open_dashboard(cluster.port(dashboard_node), supervisor.token);
  const auto chat = start_chat(cluster.balancer_port(), "Kim", "kim@example.com");
  const auto sid = chat.session_id;

  // The customer starts on the leader (the node that will die); everyone
  // reconnects through nginx.
  bool first_customer_socket = true;
  StickyClient customer(sid, [&](std::int64_t last_seq) {
    const auto port = first_customer_socket ? cluster.port(lead) : cluster.balancer_port();
    first_customer_socket = false;
    return open_customer(port, chat.token, last_seq);
  });
  bool first_agent_socket = true;
  StickyClient agent_client(sid, [&](std::int64_t last_seq) {
    const auto port = first_agent_socket ? cluster.port(agent_node) : cluster.balancer_port();
    first_agent_socket = false;
    return open_agent(port, agent.token, resume_after(sid, last_seq));
  });
  dashboard->wait_for("session_update", [&](const json::object& f) {
    return session_is(sid, "active")(f) && int_at(f, {"data", "session", "agent", "id"}) == agent.id;
  });

  std::vector<std::string> ids;
  for (int i = 1; i <= 10; ++i) {
    ids.push_back("k" + std::to_string(i));
    customer.send_until_acked("before " + std::to_string(i), ids.back());
  }
  cluster.node(lead).stop(SIGKILL);
  for (int i = 11; i <= 20; ++i) {
    ids.push_back("k" + std::to_string(i));
    customer.send_until_acked("after " + std::to_string(i), ids.back());
  }
  EXPECT_GE(customer.connections(), 2) << "the customer's node died, so it must have reconnected";
  EXPECT_NE(cluster.leader(), lead) << "a surviving node must lead now";

  const int survivor = agent_node;
  const auto stored = fetch_messages(cluster.port(survivor), chat.token, sid);
  const auto last = *int_at(stored.back(), {"seq"});
  agent_client.wait_for_seq(last);
  EXPECT_TRUE(EachSeqOnceInOrder(agent_client.seqs()));
  std::set<std::string> agent_ids;
  for (const auto& m : agent_client.messages())
    if (str_at(m, {"sender_type"}) == "customer") agent_ids.insert(str_at(m, {"client_msg_id"}));
  EXPECT_EQ(agent_ids, std::set<std::string>(ids.begin(), ids.end()));
  EXPECT_TRUE(EachSeqOnceInOrder(customer.seqs()));
  expect_gap_free_history(cluster.port(survivor), chat.token, sid, ids);

  // A new leader took over: the dashboard on a surviving node still answers.
  poll_until([&] { return metrics_signature(cluster.port(dashboard_node), supervisor.token).starts_with("1/"); },
             "the dashboard to report the open chat after the failover");
}

TEST(Cluster, RedisRestartLosesNothing) {
  Cluster cluster({.users = {kAgent}, .balancer = false});
  const int lead = cluster.leader();
  const int customer_node = (lead + 1) % 3, agent_node = (lead + 2) % 3;
  const auto agent = login_staff(cluster.port(agent_node), kAgent.username, kAgent.password);
  const auto chat = start_chat(cluster.port(customer_node), "Rea", "rea@example.com");
  const auto sid = chat.session_id;
  // The agent hears nothing while its node waits for Redis (whose subscriber retries with a backoff of up to
  // 5 s): a patient client, so that any reconnection would be the server's doing.
  StickyClient agent_client(
      sid,
      [&](std::int64_t last_seq) { return open_agent(cluster.port(agent_node), agent.token, resume_after(sid, last_seq)); },
      StickyTimings{.ack_wait = std::chrono::milliseconds(20000)});
  StickyClient customer(sid, [&](std::int64_t last_seq) {
    return open_customer(cluster.port(customer_node), chat.token, last_seq);
  });
  std::vector<std::string> ids{"r1"};
  customer.send_until_acked("before the restart", "r1");
  agent_client.wait_for_seq(*int_at(fetch_messages(cluster.port(lead), chat.token, sid).back(), {"seq"}));

  const int agent_connections = agent_client.connections(), customer_connections = customer.connections();
  cluster.redis().kill();
  for (int i = 2; i <= 6; ++i) {
    ids.push_back("r" + std::to_string(i));
    customer.send_until_acked("while Redis is down " + std::to_string(i), ids.back());
  }
  cluster.redis().start();
  // The agent's node missed those events; it reads them from the event log, and its clients stay connected.
  agent_client.wait_for_seq(*int_at(fetch_messages(cluster.port(lead), chat.token, sid).back(), {"seq"}));
  cluster.node(agent_node).wait_for_log([](const json::object& line) {
    return line.if_contains("msg") && line.at("msg") == "events_read_from_log";
  });

  // Events flow again across nodes.
  ids.push_back("r7");
  customer.send_until_acked("after the restart", "r7");
  agent_client.wait_for_seq(*int_at(fetch_messages(cluster.port(lead), chat.token, sid).back(), {"seq"}));
  EXPECT_TRUE(EachSeqOnceInOrder(agent_client.seqs()));
  std::set<std::string> agent_ids;
  for (const auto& m : agent_client.messages())
    if (str_at(m, {"sender_type"}) == "customer") agent_ids.insert(str_at(m, {"client_msg_id"}));
  EXPECT_EQ(agent_ids, std::set<std::string>(ids.begin(), ids.end()));
  expect_gap_free_history(cluster.port(lead), chat.token, sid, ids);
  // (A socket opened before its node saw the leader may have been refused once: count from before the restart.)
  if (agent_client.connections() != agent_connections)
    for (int i = 0; i < 3; ++i)
      for (const auto& line : cluster.node(i).log_objects()) std::cout << "DBG" << i << " " << json::serialize(line) << "\n";
  EXPECT_EQ(agent_client.connections(), agent_connections) << "no client was made to reconnect";
  EXPECT_EQ(customer.connections(), customer_connections);
  for (int i = 0; i < 3; ++i)
    for (const auto& line : cluster.node(i).log_objects())
      EXPECT_NE(line.if_contains("msg") ? line.at("msg") : json::value(), "resync_after_event_gap") << "node" << i;
}

TEST(Cluster, AFileUploadedThroughOneNodeDownloadsFromAnother) {
  Cluster cluster({.users = {kAgent}, .balancer = false});
  // The smallest valid PNG, NUL bytes included.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
  const auto chat = start_chat(cluster.port(0), "Pia", "pia@example.com");
  const auto uploaded = request(cluster.port(0), "POST", session_path(chat.session_id, "/attachments?name=dot.png"), png,
                                {{"Authorization", "Bearer " + chat.token}, {"Content-Type", "application/octet-stream"}});
  ASSERT_TRUE(HasStatus(uploaded, 201));
  const auto id = str_at(uploaded.object(), {"attachment", "id"});
  const auto sent = request(cluster.port(1), "POST", session_path(chat.session_id, "/messages"),
                            json::serialize(json::object{{"type", "image"}, {"attachment_id", id}}), bearer(chat.token));
  ASSERT_TRUE(HasStatus(sent, 201));
  const auto url = str_at(sent.object(), {"message", "attachment", "url"});
  for (int node = 0; node < 3; ++node) {
    const auto got = request(cluster.port(node), "GET", url, "", bearer(chat.token));
    ASSERT_TRUE(HasStatus(got, 200)) << "node " << node;
    EXPECT_EQ(got.body, png) << "node " << node;
    EXPECT_EQ(got.header("Content-Type"), "image/png");
  }
}

TEST(Cluster, TextWithNulIsRefusedAsBadInputAndLosesNothing) {
  // PostgreSQL cannot store NUL in text: it must be a 400 at the door, never a 503 from the store.
  Cluster cluster({.nodes = 1, .balancer = false});
  const auto port = cluster.port(0);
  EXPECT_TRUE(IsError(request(port, "POST", "/api/v1/chat/sessions",
                              R"({"name":"Nu\u0000l","email":"nul@example.com","subject":"x"})"),
                      400, "invalid_field"));
  const auto chat = start_chat(port, "Nora", "nora@example.com");
  auto customer = open_customer(port, chat.token);
  customer->send_text(R"({"type":"send_message","data":{"body":"a\u0000b","client_msg_id":"n1"}})");
  customer->wait_for("error", error_code_is("invalid_field"));
  customer->send_json("send_message", {{"body", "plain"}, {"client_msg_id", "n2"}});
  customer->wait_for("message_ack", ack_for("n2"));
  const auto stored = fetch_messages(port, chat.token, chat.session_id);
  ASSERT_FALSE(stored.empty());
  EXPECT_EQ(str_at(stored.back(), {"body"}), "plain");
  for (const auto& m : stored) EXPECT_NE(str_at(m, {"client_msg_id"}), "n1");
}

}  // namespace
}  // namespace livedesk::it
