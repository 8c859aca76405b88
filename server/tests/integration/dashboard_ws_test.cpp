// The supervisor dashboard WebSocket (shared/contract.md, "Dashboard WebSocket"):
// auth and its failures, every client message and its answer, subscriptions,
// bad input, the limits, idle close and the frame envelope.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "support/dashboard_support.hpp"
#include "support/http_client.hpp"
#include "support/jwt_tools.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

const StaffUser kAdmin{"dash_admin", "admin-password-123", "admin", "Ada Admin"};
const StaffUser kSupervisor{"dash_super", "super-password-123", "supervisor", "Sue Super"};
const StaffUser kAgent{"dash_agent", "agent-password-123", "agent", "Andy Agent"};
const std::string kSecret = "dashboard-ws-test-secret-0123456789-abcdefghij";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The first frame is error `code` (with a message) and then the server closes with 1008.
void expect_rejected(WsClient& ws, const std::string& code, const std::string& what) {
  SCOPED_TRACE(what);
  const auto frame = ws.next_frame();
  EXPECT_EQ(type_of(frame), "error") << json::serialize(frame);
  EXPECT_EQ(str_at(frame, {"data", "code"}), code) << json::serialize(frame);
  EXPECT_FALSE(str_at(frame, {"data", "message"}).empty()) << "error without a message: " << json::serialize(frame);
  EXPECT_TRUE(HasIsoTimestamp(frame));
  EXPECT_EQ(ws.expect_closed(), 1008) << ws.describe();
  for (const auto& extra : ws.backlog())
    ADD_FAILURE() << "a frame after the " << code << " error: " << json::serialize(extra);
}

// An error frame with `code` and a non-empty message.
::testing::AssertionResult IsErrorFrame(const json::object& frame, const std::string& code) {
  if (type_of(frame) != "error" || str_at(frame, {"data", "code"}) != code ||
      str_at(frame, {"data", "message"}).empty())
    return ::testing::AssertionFailure() << "expected error " << code << " with a message, got "
                                         << json::serialize(frame);
  return ::testing::AssertionSuccess();
}

class DashboardWs : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }

  void start(std::vector<std::string> args) {
    server_.reset();
    server_ = std::make_unique<ServerProcess>(ServerOptions{.users = {kAdmin, kSupervisor, kAgent},
                                                            .args = std::move(args),
                                                            .env = {{"LIVEDESK_JWT_SECRET", kSecret}}});
    admin_ = login_staff(port(), kAdmin.username, kAdmin.password);
    supervisor_ = login_staff(port(), kSupervisor.username, kSupervisor.password);
    agent_ = login_staff(port(), kAgent.username, kAgent.password);
  }

  unsigned short port() const { return server_->port(); }
  std::unique_ptr<WsClient> raw() { return std::make_unique<WsClient>(port(), kDashboardPath, "dashboard"); }
  std::unique_ptr<WsClient> dashboard(const std::string& label = "dashboard") {
    return open_dashboard(port(), supervisor_.token, nullptr, label);
  }

  std::unique_ptr<ServerProcess> server_;
  StaffLogin admin_, supervisor_, agent_;
};

TEST_F(DashboardWs, AuthSuccessCarriesUserIdAndRole) {
  for (const auto& [login, role] : {std::pair{supervisor_, "supervisor"}, std::pair{admin_, "admin"}}) {
    SCOPED_TRACE(role);
    auto ws = raw();
    ws->send_json("auth", json::object{{"token", login.token}});
    const auto frame = ws->next_frame();
    EXPECT_EQ(type_of(frame), "auth_success") << json::serialize(frame);
    EXPECT_EQ(int_at(frame, {"data", "user_id"}), login.id) << json::serialize(frame);
    EXPECT_EQ(str_at(frame, {"data", "role"}), role) << json::serialize(frame);
    EXPECT_TRUE(HasIsoTimestamp(frame));
    // And the socket is usable.
    ws->send_type("heartbeat");
    const auto pong = ws->wait_for("heartbeat");
    const auto* flag = find_path(pong, {"data", "pong"});
    EXPECT_TRUE(flag && *flag == json::value(true)) << json::serialize(pong);
  }
}

TEST_F(DashboardWs, BadExpiredAndUnderPrivilegedTokensGetAuthFailedAnd1008) {
  const auto parts = decode_jwt(supervisor_.token);
  {  // Control: the supervisor's claims re-signed with the server's secret are accepted, so the
     // expired token below fails for its expiry alone.
    auto ws = raw();
    ws->send_json("auth", json::object{{"token", sign_hs256(parts.header, parts.payload, kSecret)}});
    ASSERT_EQ(type_of(ws->next_frame()), "auth_success") << ws->describe();
  }
  auto expired_payload = parts.payload;
  expired_payload["exp"] = now_seconds() - 3600;
  if (expired_payload.contains("iat")) expired_payload["iat"] = now_seconds() - 7200;
  if (expired_payload.contains("nbf")) expired_payload["nbf"] = now_seconds() - 7200;
  const auto customer = start_chat(port(), "Carl Customer", "carl@example.com");

  const std::vector<std::pair<std::string, std::string>> cases{
      {"garbage", "not.a.token"},
      {"empty string", ""},
      {"wrong signature", sign_hs256(parts.header, parts.payload, "some-other-secret-0123456789-abcdefghijk")},
      {"expired", sign_hs256(parts.header, expired_payload, kSecret)},
      {"agent token", agent_.token},
      {"customer token", customer.token},
  };
  for (const auto& [what, token] : cases) {
    auto ws = raw();
    ws->send_json("auth", json::object{{"token", token}});
    expect_rejected(*ws, "auth_failed", what);
  }
}

TEST_F(DashboardWs, AuthWithoutTokenOrWithNonObjectDataGetsAuthFailed) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"no data", R"({"type": "auth"})"},
      {"empty data", R"({"type": "auth", "data": {}})"},
      {"null data", R"({"type": "auth", "data": null})"},
      {"string data", R"({"type": "auth", "data": "token"})"},
      {"array data", R"({"type": "auth", "data": ["token"]})"},
      {"numeric token", R"({"type": "auth", "data": {"token": 12345}})"},
      {"null token", R"({"type": "auth", "data": {"token": null}})"},
  };
  for (const auto& [what, text] : cases) {
    auto ws = raw();
    ws->send_text(text);
    expect_rejected(*ws, "auth_failed", what);
  }
}

TEST_F(DashboardWs, NoAuthInTimeGetsAuthTimeoutAnd1008) {
  start({"--ws-auth-timeout-ms", "300"});
  auto ws = raw();
  // Send nothing: the server must speak first.
  expect_rejected(*ws, "auth_timeout", "silent client");
}

TEST_F(DashboardWs, AnythingElseBeforeAuthGetsNotAuthenticatedAnd1008) {
  const std::vector<std::pair<std::string, std::string>> texts{
      {"malformed JSON", R"({"type": "auth", "data": {"token": )"},
      {"not JSON at all", "hello"},
      {"a JSON array", R"([1, 2, 3])"},
      {"no type", R"({"data": {"token": "x"}})"},
      {"heartbeat first", R"({"type": "heartbeat"})"},
      {"request_queue_update first", R"({"type": "request_queue_update"})"},
      {"subscribe first", R"({"type": "subscribe", "data": {"event_types": []}})"},
  };
  for (const auto& [what, text] : texts) {
    auto ws = raw();
    ws->send_text(text);
    expect_rejected(*ws, "not_authenticated", what);
  }
  auto ws = raw();
  ws->send_binary(json::serialize(json::object{{"type", "auth"}, {"data", {{"token", supervisor_.token}}}}));
  expect_rejected(*ws, "not_authenticated", "binary frame (even one holding a valid auth)");
}

TEST_F(DashboardWs, HeartbeatIsAnsweredWithPong) {
  auto ws = dashboard();
  ws->send_type("heartbeat");
  const auto pong = ws->wait_for("heartbeat");
  const auto* pong_flag = find_path(pong, {"data", "pong"});
  EXPECT_TRUE(pong_flag && *pong_flag == json::value(true)) << json::serialize(pong);
  EXPECT_TRUE(HasIsoTimestamp(pong));
  // With an empty data object too.
  ws->send_json("heartbeat", {});
  const auto again = ws->wait_for("heartbeat");
  const auto* flag = find_path(again, {"data", "pong"});
  ASSERT_NE(flag, nullptr) << json::serialize(again);
  EXPECT_EQ(*flag, json::value(true));
}

TEST_F(DashboardWs, RequestSessionUpdateAnswersTheSessionOrNotFoundOrTheActiveList) {
  const auto waiting = start_chat(port(), "Wanda Waiting", "wanda@example.com",
                                  {{"subject", "Where is my order"}, {"message", "hello there"}});
  auto ws = dashboard();

  ws->send_json("request_session_update", {{"session_id", waiting.session_id}});
  const auto update = ws->wait_for("session_update", session_is(waiting.session_id));
  ASSERT_TRUE(IsSessionObject(*find_path(update, {"data", "session"}))) << json::serialize(update);
  const auto& session = data_of(update).at("session").as_object();
  EXPECT_EQ(str_at(session, {"status"}), "waiting");
  EXPECT_EQ(str_at(session, {"customer", "name"}), "Wanda Waiting");
  EXPECT_EQ(str_at(session, {"customer", "email"}), "wanda@example.com");
  EXPECT_EQ(str_at(session, {"subject"}), "Where is my order");
  EXPECT_TRUE(session.at("agent").is_null());
  EXPECT_TRUE(session.at("assigned_at").is_null());
  EXPECT_TRUE(session.at("closed_at").is_null());
  EXPECT_TRUE(session.at("close_reason").is_null());
  EXPECT_GE(session.at("wait_seconds").to_number<double>(), 0.0);
  EXPECT_EQ(int_at(session, {"unread_count"}), 1) << "one customer message nobody has read";
  EXPECT_EQ(str_at(session, {"last_message", "body"}), "hello there") << json::serialize(session);
  EXPECT_TRUE(HasIsoTimestamp(update));

  ws->send_json("request_session_update", {{"session_id", waiting.session_id + 1000}});
  const auto missing = ws->wait_for("error");
  EXPECT_TRUE(IsErrorFrame(missing, "not_found"));
  EXPECT_FALSE(ws->closed());

  // An agent connects and gets the chat; the active list then holds it.
  auto agent = open_agent(port(), agent_.token);
  ws->wait_for("session_update", session_is(waiting.session_id, "active"), 15s);
  ws->send_type("request_session_update");
  const auto list = ws->wait_for("active_sessions_updated", [&](const json::object& f) {
    const auto* sessions = find_path(f, {"data", "sessions"});
    return sessions && sessions->is_array() && !sessions->as_array().empty();
  });
  const auto& sessions = data_of(list).at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 1u) << json::serialize(list);
  EXPECT_TRUE(IsSessionObject(sessions[0]));
  EXPECT_EQ(int_at(sessions[0].as_object(), {"id"}), waiting.session_id);
  EXPECT_EQ(str_at(sessions[0].as_object(), {"status"}), "active");
  EXPECT_EQ(int_at(sessions[0].as_object(), {"agent", "id"}), agent_.id);
  EXPECT_EQ(str_at(sessions[0].as_object(), {"agent", "name"}), kAgent.name);
  EXPECT_TRUE(is_iso_millis_utc(sessions[0].as_object().at("assigned_at")));
}

TEST_F(DashboardWs, RequestQueueUpdateAnswersTheQueueOldestFirst) {
  auto ws = dashboard();
  ws->send_type("request_queue_update");
  const auto empty = ws->wait_for("queue_updated");
  ASSERT_TRUE(IsQueueObject(data_of(empty))) << json::serialize(empty);
  EXPECT_EQ(int_at(empty, {"data", "depth"}), 0);
  EXPECT_TRUE(data_of(empty).at("avg_wait_seconds").is_null()) << "no data is null, never 0";
  EXPECT_TRUE(data_of(empty).at("longest_wait_seconds").is_null());

  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i)
    ids.push_back(start_chat(port(), "Q" + std::to_string(i), "q" + std::to_string(i) + "@example.com").session_id);
  ws->send_type("request_queue_update");
  const auto full = ws->wait_for("queue_updated", [](const json::object& f) { return int_at(f, {"data", "depth"}) == 3; });
  ASSERT_TRUE(IsQueueObject(data_of(full))) << json::serialize(full);
  const auto& sessions = data_of(full).at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(int_at(sessions[i].as_object(), {"id"}), ids[i]) << "oldest first";
  const double avg = data_of(full).at("avg_wait_seconds").to_number<double>();
  const double longest = data_of(full).at("longest_wait_seconds").to_number<double>();
  EXPECT_GE(avg, 0.0);
  EXPECT_GE(longest, avg);
  // The oldest has waited longest.
  EXPECT_DOUBLE_EQ(longest, sessions[0].as_object().at("wait_seconds").to_number<double>()) << json::serialize(full);
}

TEST_F(DashboardWs, RequestMetricsUpdateAnswersEveryContractField) {
  auto ws = dashboard();
  ws->send_type("request_metrics_update");
  const auto before = ws->wait_for("metrics_updated");
  ASSERT_TRUE(IsMetricsObject(*find_path(before, {"data", "metrics"}))) << json::serialize(before);
  const auto& m0 = data_of(before).at("metrics").as_object();
  EXPECT_EQ(int_at(m0, {"sessions_today"}), 0);
  EXPECT_EQ(int_at(m0, {"agents", "offline"}), 1) << "one agent account, not connected";
  EXPECT_TRUE(m0.at("avg_wait_seconds").is_null()) << "no data is null";
  EXPECT_TRUE(find_path(m0, {"csat", "average"})->is_null());
  EXPECT_TRUE(find_path(m0, {"messages", "peak_hour"})->is_null()) << "all per_hour entries are 0";

  start_chat(port(), "Mia Metrics", "mia@example.com", {{"message", "first words"}});
  ws->send_type("request_metrics_update");
  const auto after = ws->wait_for("metrics_updated", [](const json::object& f) {
    return int_at(f, {"data", "metrics", "sessions_today"}) == 1;
  });
  ASSERT_TRUE(IsMetricsObject(*find_path(after, {"data", "metrics"}))) << json::serialize(after);
  const auto& m1 = data_of(after).at("metrics").as_object();
  EXPECT_EQ(int_at(m1, {"waiting_sessions"}), 1);
  EXPECT_EQ(int_at(m1, {"active_sessions"}), 0);
  EXPECT_GE(int_at(m1, {"messages", "today"}).value_or(0), 1);
  EXPECT_TRUE(HasIsoTimestamp(after));
}

TEST_F(DashboardWs, SubscribeEmptyAnswersTheDefaultSetAndMessageCreatedIsOptIn) {
  auto ws = dashboard();
  auto control = dashboard("control");
  control->send_json("subscribe", {{"event_types", json::array{"message_created"}}});
  control->wait_for("subscribed");
  ws->send_json("subscribe", {{"event_types", json::array{}}});
  const auto current = ws->wait_for("subscribed");
  EXPECT_EQ(event_types_of(current), default_push_types()) << json::serialize(current);

  // Without asking, a customer message is not pushed.
  const auto chat = start_chat(port(), "Otto Optin", "otto@example.com");
  ws->wait_for("session_update", session_is(chat.session_id));
  ASSERT_TRUE(HasStatus(post_message(port(), chat.token, chat.session_id, "before subscribing"), 201));
  // Committed and pushed: the control socket (subscribed) has it.
  control->wait_for("message_created", [](const json::object& f) {
    return str_at(f, {"data", "message", "body"}) == "before subscribing";
  });
  ws->sync();
  for (const auto& frame : ws->backlog())
    EXPECT_NE(type_of(frame), "message_created") << "pushed without a subscription: " << json::serialize(frame);

  ws->send_json("subscribe", {{"event_types", json::array{"message_created"}}});
  const auto more = ws->wait_for("subscribed");
  auto expected = default_push_types();
  expected.push_back("message_created");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(event_types_of(more), expected) << json::serialize(more);

  ASSERT_TRUE(HasStatus(post_message(port(), chat.token, chat.session_id, "after subscribing"), 201));
  const auto pushed = ws->wait_for("message_created", [](const json::object& f) {
    return str_at(f, {"data", "message", "body"}) == "after subscribing";
  });
  EXPECT_EQ(int_at(pushed, {"data", "session_id"}), chat.session_id);
  ASSERT_TRUE(IsPushedMessage(*find_path(pushed, {"data", "message"}))) << json::serialize(pushed);
  EXPECT_EQ(str_at(pushed, {"data", "message", "sender_type"}), "customer");
  EXPECT_EQ(str_at(pushed, {"data", "message", "type"}), "text");
  EXPECT_EQ(int_at(pushed, {"data", "message", "seq"}), 2);
  EXPECT_TRUE(HasIsoTimestamp(pushed));

  // Subscribing twice changes nothing; unsubscribing takes it away again.
  ws->send_json("subscribe", {{"event_types", json::array{"message_created"}}});
  EXPECT_EQ(event_types_of(ws->wait_for("subscribed")), expected);
  ws->send_json("unsubscribe", {{"event_types", json::array{"message_created"}}});
  EXPECT_EQ(event_types_of(ws->wait_for("subscribed")), default_push_types());
}

TEST_F(DashboardWs, UnsubscribedPushStopsWhileOthersContinue) {
  auto ws = dashboard("unsubscribed");
  auto control = dashboard("control");  // the same account, its own subscriptions
  ws->send_json("unsubscribe", {{"event_types", json::array{"queue_depth_changed"}}});
  const auto now = ws->wait_for("subscribed");
  auto expected = default_push_types();
  std::erase(expected, "queue_depth_changed");
  EXPECT_EQ(event_types_of(now), expected) << json::serialize(now);
  control->sync();

  const auto chat = start_chat(port(), "Una Unsub", "una@example.com");
  // The change is committed and pushed: the control socket saw the depth change.
  control->wait_for("queue_depth_changed", [](const json::object& f) { return int_at(f, {"data", "depth"}) == 1; });
  // The unsubscribed socket still gets session_update ...
  ws->wait_for("session_update", session_is(chat.session_id));
  // ... but no queue_depth_changed: anything pushed before the pong is in the backlog now.
  ws->sync();
  for (const auto& frame : ws->backlog())
    EXPECT_NE(type_of(frame), "queue_depth_changed") << "pushed after unsubscribing: " << json::serialize(frame);
}

TEST_F(DashboardWs, UnknownEventNameGetsBadMessageAndChangesNothing) {
  auto ws = dashboard();
  ws->send_json("subscribe", {{"event_types", json::array{"message_created", "no_such_event"}}});
  EXPECT_TRUE(IsErrorFrame(ws->wait_for("error"), "bad_message"));
  ws->send_json("subscribe", {{"event_types", json::array{}}});
  EXPECT_EQ(event_types_of(ws->wait_for("subscribed")), default_push_types()) << "subscribe added a name anyway";

  ws->send_json("unsubscribe", {{"event_types", json::array{"queue_updated", "bogus"}}});
  EXPECT_TRUE(IsErrorFrame(ws->wait_for("error"), "bad_message"));
  ws->send_json("subscribe", {{"event_types", json::array{}}});
  EXPECT_EQ(event_types_of(ws->wait_for("subscribed")), default_push_types()) << "unsubscribe removed a name anyway";

  // Non-string names and a non-array list are bad too.
  ws->send_json("subscribe", {{"event_types", json::array{42}}});
  EXPECT_TRUE(IsErrorFrame(ws->wait_for("error"), "bad_message"));
  ws->send_json("subscribe", {{"event_types", "queue_updated"}});
  EXPECT_TRUE(IsErrorFrame(ws->wait_for("error"), "bad_message"));
  ws->send_json("subscribe", {{"event_types", json::array{}}});
  EXPECT_EQ(event_types_of(ws->wait_for("subscribed")), default_push_types());
  EXPECT_FALSE(ws->closed());
}

TEST_F(DashboardWs, BadInputAfterAuthGetsAnErrorAndTheConnectionStays) {
  auto ws = dashboard();
  struct Case {
    std::string what;
    std::string text;  // empty: a binary frame
    std::string code;
  };
  const std::vector<Case> cases{
      {"malformed JSON", R"({"type": "heartbeat", )", "bad_message"},
      {"not an object", R"("heartbeat")", "bad_message"},
      {"no type", R"({"data": {}})", "bad_message"},
      {"unknown type", R"({"type": "make_coffee"})", "unknown_type"},
      {"session_id a string", R"({"type": "request_session_update", "data": {"session_id": "x"}})", "bad_message"},
      {"session_id a float", R"({"type": "request_session_update", "data": {"session_id": 1.5}})", "bad_message"},
      {"data not an object", R"({"type": "request_queue_update", "data": [1]})", "bad_message"},
      {"event_types missing", R"({"type": "subscribe", "data": {}})", "bad_message"},
      {"binary frame", "", "bad_message"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    if (c.text.empty()) {
      ws->send_binary(R"({"type": "heartbeat"})");
    } else {
      ws->send_text(c.text);
    }
    const auto error = ws->wait_for("error");
    EXPECT_TRUE(IsErrorFrame(error, c.code));
    EXPECT_TRUE(HasIsoTimestamp(error));
    ws->sync();  // still answered: the connection stays
    EXPECT_FALSE(ws->closed());
  }
}

TEST_F(DashboardWs, MoreThan100MessagesInOneSecondGetRateLimited) {
  auto ws = dashboard();
  ws->set_send_rate(0);
  constexpr int kSent = 300;
  for (int i = 0; i < kSent; ++i) ws->send_type("heartbeat");
  int pongs = 0, limited = 0;
  while (pongs + limited < kSent) {
    const auto frame = ws->next_frame(15s);
    if (type_of(frame) == "heartbeat") ++pongs;
    if (type_of(frame) == "error") {
      EXPECT_TRUE(IsErrorFrame(frame, "rate_limited"));
      ++limited;
    }
  }
  EXPECT_GE(limited, 1) << "300 heartbeats in a burst, none rate limited";
  EXPECT_GE(pongs, 100) << "the first 100 of a window are processed";
  EXPECT_EQ(pongs + limited, kSent) << "each excess message gets its own error";
  EXPECT_FALSE(ws->closed());
  // A later window is served again.
  ws->set_send_rate(80);
  poll_until(
      [&] {
        ws->send_type("heartbeat");
        const auto frame = ws->next_frame();
        return type_of(frame) == "heartbeat";
      },
      "a heartbeat answered after the burst");
}

TEST_F(DashboardWs, FrameOver64KiBClosesWith1009) {
  auto ws = dashboard();
  const std::string big = R"({"type": "heartbeat", "data": {"pad": ")" + std::string(70 * 1024, 'a') + R"("}})";
  ws->send_raw_frame(big);
  EXPECT_EQ(ws->expect_closed(), 1009) << ws->describe();
}

TEST_F(DashboardWs, FrameJustUnder64KiBIsAccepted) {
  auto ws = dashboard();
  const std::string prefix = R"({"type": "heartbeat", "data": {"pad": ")";
  const std::string suffix = R"("}})";
  ws->send_text(prefix + std::string(60 * 1024, 'a') + suffix);
  ws->wait_for("heartbeat");
  EXPECT_FALSE(ws->closed());
}

TEST_F(DashboardWs, InvalidUtf8ClosesWith1007) {
  auto ws = dashboard();
  ws->send_raw_frame(std::string(R"({"type": "heartbeat", "data": {"x": ")") + "\xC3\x28\xFF" + R"("}})");
  EXPECT_EQ(ws->expect_closed(), 1007) << ws->describe();
}

TEST_F(DashboardWs, SilentConnectionIsClosedAfterTheIdleTimeout) {
  start({"--ws-idle-timeout-ms", "500"});
  auto ws = dashboard();
  const int code = ws->expect_closed(15s);
  EXPECT_TRUE(code == 1000 || code == 1001) << "close code " << code << "\n" << ws->describe();
}

TEST_F(DashboardWs, HeartbeatsKeepAConnectionOpenPastTheIdleTimeout) {
  start({"--ws-idle-timeout-ms", "2000"});
  auto kept = dashboard("kept");
  auto silent = dashboard("silent");
  // Heartbeats every 250 ms for 5 s (2.5 idle periods); the silent socket closes meanwhile.
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < until) {
    kept->sync();
    std::this_thread::sleep_for(250ms);
  }
  EXPECT_FALSE(kept->closed()) << kept->describe();
  const int code = silent->expect_closed(15s);
  EXPECT_TRUE(code == 1000 || code == 1001) << "close code " << code;
}

TEST_F(DashboardWs, EveryFrameHasAMillisecondUtcTimestamp) {
  std::vector<json::object> frames;
  auto keep = [&](json::object frame) {
    frames.push_back(frame);
    return frame;
  };
  auto ws = raw();
  ws->send_json("auth", json::object{{"token", supervisor_.token}});
  keep(ws->wait_for("auth_success"));
  ws->send_json("subscribe", {{"event_types", json::array{"message_created", "typing_indicator"}}});
  keep(ws->wait_for("subscribed"));
  ws->send_type("heartbeat");
  keep(ws->wait_for("heartbeat"));
  ws->send_type("no_such_type");
  keep(ws->wait_for("error"));
  const auto chat = start_chat(port(), "Tim Stamp", "tim@example.com", {{"message", "tick tock"}});
  keep(ws->wait_for("queue_depth_changed"));
  keep(ws->wait_for("session_update"));
  keep(ws->wait_for("message_created"));
  auto agent = open_agent(port(), agent_.token);
  keep(ws->wait_for("agent_status_changed"));
  ws->send_type("request_queue_update");
  keep(ws->wait_for("queue_updated"));
  ws->send_type("request_metrics_update");
  keep(ws->wait_for("metrics_updated"));
  ws->send_type("request_session_update");
  keep(ws->wait_for("active_sessions_updated"));
  ws->send_json("request_session_update", {{"session_id", chat.session_id}});
  keep(ws->wait_for("session_update", session_is(chat.session_id)));
  ws->drain();
  for (auto& frame : ws->take_backlog()) frames.push_back(std::move(frame));
  ASSERT_GE(frames.size(), 12u);
  for (const auto& frame : frames) EXPECT_TRUE(HasIsoTimestamp(frame));
}

}  // namespace
}  // namespace livedesk::it
