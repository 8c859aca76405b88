// The dashboard REST endpoints (shared/contract.md, "Dashboard REST"): who may call them,
// their shapes, and metric values against a scripted day with known answers.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <set>
#include <string>
#include <vector>

#include "support/dashboard_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

const StaffUser kAdmin{"rest_admin", "admin-password-123", "admin", "Ada Admin"};
const StaffUser kSupervisor{"rest_super", "super-password-123", "supervisor", "Sue Super"};
const StaffUser kAgent{"rest_agent", "agent-password-123", "agent", "Andy Agent"};
const StaffUser kSpareAgent{"rest_spare", "spare-password-123", "agent", "Bob Backup"};

const std::vector<std::string> kPaths{"/overview", "/sessions/active", "/sessions/waiting", "/agents"};

// "YYYY-MM-DDTHH" in UTC, to know whether the test stayed within one clock hour.
std::string utc_hour() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H", &tm);
  return text;
}
int utc_hour_of_day() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_hour;
}

// Milliseconds since the epoch of a "YYYY-MM-DDTHH:MM:SS.mmmZ" string.
double epoch_ms(const json::value& value) {
  if (!is_iso_millis_utc(value)) throw std::runtime_error("not an ISO time: " + json::serialize(value));
  const std::string text(value.as_string());
  std::tm tm{};
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  tm.tm_hour = std::stoi(text.substr(11, 2));
  tm.tm_min = std::stoi(text.substr(14, 2));
  tm.tm_sec = std::stoi(text.substr(17, 2));
  return double(timegm(&tm)) * 1000.0 + std::stoi(text.substr(20, 3));
}

std::set<std::string> keys_of(const json::object& o) {
  std::set<std::string> keys;
  for (const auto& kv : o) keys.insert(std::string(kv.key()));
  return keys;
}

class DashboardRest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(ServerOptions{.users = {kAdmin, kSupervisor, kAgent, kSpareAgent}});
    admin_ = login_staff(port(), kAdmin.username, kAdmin.password);
    supervisor_ = login_staff(port(), kSupervisor.username, kSupervisor.password);
    agent_ = login_staff(port(), kAgent.username, kAgent.password);
    spare_ = login_staff(port(), kSpareAgent.username, kSpareAgent.password);
  }
  unsigned short port() const { return server_->port(); }

  // GET a dashboard path as the supervisor; the JSON object body (200 asserted).
  json::object get(const std::string& path, const std::string& token = "") {
    const auto result = request(port(), "GET", std::string(kDashboardRest) + path, "",
                                bearer(token.empty() ? supervisor_.token : token));
    EXPECT_TRUE(HasStatus(result, 200)) << path;
    EXPECT_NE(result.header("Content-Type").find("application/json"), std::string::npos) << result.describe();
    if (!result.json || !result.json->is_object()) throw std::runtime_error("GET " + path + ": " + result.describe());
    return result.object();
  }
  json::object agent_entry(const json::object& agents_body, std::int64_t id) {
    for (const auto& a : agents_body.at("agents").as_array())
      if (int_at(a.as_object(), {"id"}) == id) return a.as_object();
    ADD_FAILURE() << "agent " << id << " missing from " << json::serialize(agents_body);
    return {};
  }

  std::unique_ptr<ServerProcess> server_;
  StaffLogin admin_, supervisor_, agent_, spare_;
};

TEST_F(DashboardRest, SupervisorAndAdminMayReadAgentGets403AndNoToken401) {
  for (const auto& path : kPaths) {
    const std::string target = std::string(kDashboardRest) + path;
    SCOPED_TRACE(target);
    EXPECT_TRUE(HasStatus(request(port(), "GET", target, "", bearer(supervisor_.token)), 200));
    EXPECT_TRUE(HasStatus(request(port(), "GET", target, "", bearer(admin_.token)), 200));
    EXPECT_TRUE(IsError(request(port(), "GET", target, "", bearer(agent_.token)), 403));
    EXPECT_TRUE(IsError(request(port(), "GET", target), 401));
    EXPECT_TRUE(IsError(request(port(), "GET", target, "", bearer("not.a.token")), 401));
    const auto customer = start_chat(port(), "Nosy Customer", "nosy" + std::to_string(path.size()) + "@example.com");
    const auto as_customer = request(port(), "GET", target, "", bearer(customer.token));
    EXPECT_TRUE(as_customer.status == 401 || as_customer.status == 403) << as_customer.describe();
    EXPECT_TRUE(HasErrorShape(as_customer));
  }
}

TEST_F(DashboardRest, EmptyFloorShapesAndNulls) {
  const auto metrics = get("/overview");
  ASSERT_TRUE(IsMetricsObject(metrics));
  for (const char* key : {"active_sessions", "waiting_sessions", "sessions_today", "closed_today", "missed_today"})
    EXPECT_EQ(int_at(metrics, {key}), 0) << key;
  for (const char* key : {"avg_wait_seconds", "avg_first_response_seconds", "avg_resolution_seconds",
                          "avg_chat_duration_seconds", "longest_wait_seconds", "avg_response_seconds",
                          "max_response_seconds"})
    EXPECT_TRUE(metrics.at(key).is_null()) << key << " with no data is " << json::serialize(metrics.at(key));
  EXPECT_TRUE(find_path(metrics, {"csat", "average"})->is_null());
  EXPECT_TRUE(find_path(metrics, {"csat", "change_pct"})->is_null());
  EXPECT_EQ(int_at(metrics, {"csat", "count"}), 0);
  EXPECT_EQ(int_at(metrics, {"messages", "today"}), 0);
  EXPECT_TRUE(find_path(metrics, {"messages", "peak_hour"})->is_null());
  EXPECT_EQ(int_at(metrics, {"agents", "offline"}), 2);
  EXPECT_EQ(int_at(metrics, {"agents", "active"}), 0);

  const auto active = get("/sessions/active");
  EXPECT_EQ(keys_of(active), std::set<std::string>{"sessions"});
  ASSERT_TRUE(active.at("sessions").is_array());
  EXPECT_TRUE(active.at("sessions").as_array().empty());

  const auto waiting = get("/sessions/waiting");
  EXPECT_TRUE(IsQueueObject(waiting));
  EXPECT_EQ(int_at(waiting, {"depth"}), 0);

  const auto agents = get("/agents");
  EXPECT_EQ(keys_of(agents), std::set<std::string>{"agents"});
  ASSERT_TRUE(agents.at("agents").is_array());
  ASSERT_EQ(agents.at("agents").as_array().size(), 2u) << "accounts with role agent only: " << json::serialize(agents);
  for (const auto& a : agents.at("agents").as_array()) {
    EXPECT_TRUE(IsAgentObject(a));
    EXPECT_EQ(str_at(a.as_object(), {"status"}), "offline");
    EXPECT_EQ(int_at(a.as_object(), {"sessions_handled_today"}), 0);
    EXPECT_TRUE(a.as_object().at("satisfaction").is_null());
  }
}

TEST_F(DashboardRest, RestAndWebSocketCarryTheSameObjects) {
  start_chat(port(), "Sam Same", "same@example.com", {{"message", "same shapes?"}});
  auto ws = open_dashboard(port(), admin_.token);
  ws->send_type("request_metrics_update");
  const auto ws_metrics = data_of(ws->wait_for("metrics_updated")).at("metrics").as_object();
  const auto rest_metrics = get("/overview", admin_.token);
  EXPECT_EQ(keys_of(ws_metrics), keys_of(rest_metrics));
  for (const char* nested : {"agents", "csat", "messages"})
    EXPECT_EQ(keys_of(ws_metrics.at(nested).as_object()), keys_of(rest_metrics.at(nested).as_object())) << nested;
  EXPECT_EQ(int_at(ws_metrics, {"sessions_today"}), int_at(rest_metrics, {"sessions_today"}));

  ws->send_type("request_queue_update");
  const auto ws_queue = data_of(ws->wait_for("queue_updated"));
  const auto rest_queue = get("/sessions/waiting", admin_.token);
  EXPECT_EQ(keys_of(ws_queue), keys_of(rest_queue));
  ASSERT_EQ(rest_queue.at("sessions").as_array().size(), 1u);
  EXPECT_EQ(keys_of(ws_queue.at("sessions").as_array()[0].as_object()),
            keys_of(rest_queue.at("sessions").as_array()[0].as_object()));
  EXPECT_TRUE(IsSessionObject(rest_queue.at("sessions").as_array()[0]));
}

TEST_F(DashboardRest, ScriptedDayGivesTheKnownMetrics) {
  const std::string hour_at_start = utc_hour();
  std::vector<std::int64_t> sessions;

  // 1. A chat that ends in the queue: the customer leaves while waiting.
  const auto missed = start_chat(port(), "Mona Missed", "mona@example.com", {{"message", "anyone there?"}});
  sessions.push_back(missed.session_id);
  {
    const auto waiting = get("/sessions/waiting");
    ASSERT_TRUE(IsQueueObject(waiting));
    EXPECT_EQ(int_at(waiting, {"depth"}), 1);
    EXPECT_EQ(int_at(waiting, {"sessions", "0", "id"}), missed.session_id);
    EXPECT_FALSE(waiting.at("avg_wait_seconds").is_null());
    EXPECT_FALSE(waiting.at("longest_wait_seconds").is_null());
  }
  const auto close_missed = request(port(), "POST", session_path(missed.session_id, "/close"), "", bearer(missed.token));
  ASSERT_TRUE(HasStatus(close_missed, 200));
  EXPECT_EQ(str_at(close_missed.object(), {"session", "close_reason"}), "missed") << close_missed.describe();

  // 2. The agent comes online and resolves a chat; the customer rates it 5.
  auto agent_ws = open_agent(port(), agent_.token);
  const auto resolved = start_chat(port(), "Rita Resolved", "rita@example.com", {{"message", "where is my parcel"}});
  sessions.push_back(resolved.session_id);
  agent_ws->wait_for("session_update", session_is(resolved.session_id, "active"), 15s);
  ASSERT_TRUE(HasStatus(post_message(port(), agent_.token, resolved.session_id, "It is on its way."), 201));
  ASSERT_TRUE(HasStatus(post_message(port(), resolved.token, resolved.session_id, "Thank you!"), 201));
  ASSERT_TRUE(HasStatus(request(port(), "POST", session_path(resolved.session_id, "/close"), "", bearer(agent_.token)), 200));
  auto rating_headers = bearer(resolved.token);
  rating_headers.emplace_back("Content-Type", "application/json");
  ASSERT_TRUE(HasStatus(request(port(), "POST", session_path(resolved.session_id, "/rating"), R"({"rating": 5})",
                                rating_headers),
                        200));

  // 3. A chat that stays active.
  const auto active = start_chat(port(), "Alex Active", "alex@example.com", {{"message", "one more thing"}});
  sessions.push_back(active.session_id);
  agent_ws->wait_for("session_update", session_is(active.session_id, "active"), 15s);

  // Every stored message, system ones included, counted over REST.
  std::int64_t stored = 0;
  std::int64_t system_messages = 0;
  for (auto id : sessions) {
    for (const auto& m : fetch_messages(port(), supervisor_.token, id)) {
      ++stored;
      if (str_at(m, {"sender_type"}) == "system") ++system_messages;
    }
  }
  EXPECT_GE(stored, 5) << "3 first messages, an agent reply and a customer reply";

  const auto metrics = get("/overview");
  const auto agents = get("/agents");
  const auto active_list = get("/sessions/active");
  const auto waiting = get("/sessions/waiting");
  const bool same_hour = utc_hour() == hour_at_start;
  if (hour_at_start.substr(0, 10) != utc_hour().substr(0, 10)) GTEST_SKIP() << "the UTC day changed during the test";

  ASSERT_TRUE(IsMetricsObject(metrics));
  SCOPED_TRACE(json::serialize(metrics));
  EXPECT_EQ(int_at(metrics, {"sessions_today"}), 3);
  EXPECT_EQ(int_at(metrics, {"closed_today"}), 2);
  EXPECT_EQ(int_at(metrics, {"missed_today"}), 1);
  EXPECT_EQ(int_at(metrics, {"active_sessions"}), 1);
  EXPECT_EQ(int_at(metrics, {"waiting_sessions"}), 0);
  EXPECT_FALSE(metrics.at("avg_wait_seconds").is_null()) << "two chats were assigned";
  EXPECT_FALSE(metrics.at("avg_first_response_seconds").is_null()) << "the agent answered one";
  EXPECT_FALSE(metrics.at("avg_resolution_seconds").is_null()) << "one was resolved";
  EXPECT_TRUE(metrics.at("longest_wait_seconds").is_null()) << "nobody waits";

  const auto& csat = metrics.at("csat").as_object();
  ASSERT_TRUE(csat.at("average").is_number());
  EXPECT_DOUBLE_EQ(csat.at("average").to_number<double>(), 5.0);
  EXPECT_EQ(int_at(csat, {"count"}), 1);
  EXPECT_EQ(csat.at("distribution"), json::parse(R"({"1": 0, "2": 0, "3": 0, "4": 0, "5": 1})"));
  EXPECT_TRUE(csat.at("change_pct").is_null()) << "no ratings yesterday";

  EXPECT_EQ(int_at(metrics, {"messages", "today"}), stored) << system_messages << " of them system messages";
  EXPECT_EQ(int_at(metrics, {"messages", "by_type", "text"}), stored);
  for (const char* type : {"image", "file", "audio", "video"})
    EXPECT_EQ(int_at(metrics, {"messages", "by_type", type}), 0) << type;
  std::int64_t by_status_total = 0;
  for (const char* status : {"sent", "delivered", "read", "failed"})
    by_status_total += int_at(metrics, {"messages", "by_status", status}).value_or(-1000);
  EXPECT_EQ(by_status_total, stored) << "every message has one status";
  if (same_hour) {
    const auto& per_hour = find_path(metrics, {"messages", "per_hour"})->as_array();
    EXPECT_EQ(per_hour.back(), json::value(stored)) << "the current hour holds all of today's messages";
    std::int64_t earlier = 0;
    for (std::size_t i = 0; i + 1 < per_hour.size(); ++i) earlier += per_hour[i].to_number<std::int64_t>();
    EXPECT_EQ(earlier, 0) << "a fresh server stored nothing in earlier hours";
    EXPECT_EQ(int_at(metrics, {"messages", "peak_hour"}), utc_hour_of_day());
  }

  EXPECT_EQ(int_at(metrics, {"agents", "active"}), 1) << "the connected agent with 1 of 3 chats";
  EXPECT_EQ(int_at(metrics, {"agents", "idle"}), 0);
  EXPECT_EQ(int_at(metrics, {"agents", "in_call"}), 0);
  EXPECT_EQ(int_at(metrics, {"agents", "offline"}), 1) << "the spare agent never connected";

  // Agents.
  ASSERT_EQ(agents.at("agents").as_array().size(), 2u) << json::serialize(agents);
  for (const auto& a : agents.at("agents").as_array()) EXPECT_TRUE(IsAgentObject(a));
  const auto andy = agent_entry(agents, agent_.id);
  EXPECT_EQ(str_at(andy, {"name"}), kAgent.name);
  EXPECT_EQ(str_at(andy, {"status"}), "active") << json::serialize(andy);
  EXPECT_EQ(int_at(andy, {"active_sessions"}), 1) << json::serialize(andy);
  EXPECT_EQ(int_at(andy, {"sessions_handled_today"}), 1) << json::serialize(andy);
  ASSERT_TRUE(andy.contains("satisfaction") && andy.at("satisfaction").is_number()) << json::serialize(andy);
  EXPECT_DOUBLE_EQ(andy.at("satisfaction").to_number<double>(), 5.0);
  EXPECT_FALSE(andy.at("avg_resolution_seconds").is_null()) << json::serialize(andy);
  EXPECT_FALSE(andy.at("last_active_at").is_null()) << json::serialize(andy);
  const auto bob = agent_entry(agents, spare_.id);
  EXPECT_EQ(str_at(bob, {"status"}), "offline") << json::serialize(bob);
  EXPECT_EQ(int_at(bob, {"sessions_handled_today"}), 0);
  EXPECT_EQ(int_at(bob, {"active_sessions"}), 0);
  EXPECT_TRUE(bob.at("satisfaction").is_null());
  EXPECT_TRUE(bob.at("avg_resolution_seconds").is_null());

  // Active and waiting lists.
  const auto& list = active_list.at("sessions").as_array();
  ASSERT_EQ(list.size(), 1u) << json::serialize(active_list);
  EXPECT_TRUE(IsSessionObject(list[0]));
  EXPECT_EQ(int_at(list[0].as_object(), {"id"}), active.session_id);
  EXPECT_EQ(str_at(list[0].as_object(), {"status"}), "active");
  EXPECT_EQ(int_at(list[0].as_object(), {"agent", "id"}), agent_.id);
  EXPECT_EQ(str_at(list[0].as_object(), {"last_message", "body"}), "one more thing") << json::serialize(list[0]);
  EXPECT_TRUE(IsQueueObject(waiting));
  EXPECT_EQ(int_at(waiting, {"depth"}), 0);

  // The missed chat as a session object.
  const auto missed_session = fetch_session(port(), supervisor_.token, missed.session_id);
  EXPECT_TRUE(IsSessionObject(json::value(missed_session)));
  EXPECT_EQ(str_at(missed_session, {"status"}), "closed");
  EXPECT_EQ(str_at(missed_session, {"close_reason"}), "missed");
  EXPECT_TRUE(missed_session.at("agent").is_null());
  EXPECT_TRUE(missed_session.at("assigned_at").is_null());
  const auto resolved_session = fetch_session(port(), supervisor_.token, resolved.session_id);
  EXPECT_EQ(str_at(resolved_session, {"close_reason"}), "resolved");

  // wait_seconds: creation to assignment; for a chat missed in the queue, creation to closing.
  const auto& open_chat = list[0].as_object();
  EXPECT_NEAR(open_chat.at("wait_seconds").to_number<double>(),
              (epoch_ms(open_chat.at("assigned_at")) - epoch_ms(open_chat.at("created_at"))) / 1000.0, 0.0015)
      << json::serialize(open_chat);
  EXPECT_NEAR(missed_session.at("wait_seconds").to_number<double>(),
              (epoch_ms(missed_session.at("closed_at")) - epoch_ms(missed_session.at("created_at"))) / 1000.0, 0.0015)
      << json::serialize(missed_session);
  EXPECT_NEAR(resolved_session.at("wait_seconds").to_number<double>(),
              (epoch_ms(resolved_session.at("assigned_at")) - epoch_ms(resolved_session.at("created_at"))) / 1000.0,
              0.0015)
      << json::serialize(resolved_session);

  // unread_count: the customer's message the agent has not read, until the agent reads it.
  EXPECT_EQ(int_at(open_chat, {"unread_count"}), 1) << json::serialize(open_chat);
  auto receipt_headers = bearer(agent_.token);
  receipt_headers.emplace_back("Content-Type", "application/json");
  const auto last_seq = int_at(open_chat, {"last_message", "seq"}).value_or(1);
  ASSERT_TRUE(HasStatus(request(port(), "POST", session_path(active.session_id, "/receipts"),
                                json::serialize(json::object{{"up_to_seq", last_seq}, {"status", "read"}}),
                                receipt_headers),
                        200));
  const auto after_read = get("/sessions/active");
  EXPECT_EQ(int_at(after_read, {"sessions", "0", "unread_count"}), 0) << json::serialize(after_read);
  const auto metrics_after_read = get("/overview");
  EXPECT_GE(int_at(metrics_after_read, {"messages", "by_status", "read"}).value_or(0), 1)
      << "receipts move messages to read: " << json::serialize(metrics_after_read.at("messages"));
}

}  // namespace
}  // namespace livedesk::it
