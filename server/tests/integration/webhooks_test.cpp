// Webhooks against the real binary and real receivers on loopback (docs/integrations.md, "Webhooks"):
// registration and its refusals, a receiver that fails, hangs, answers slowly and sends oversized bodies
// while livedesk is SIGKILLed and restarted mid-delivery, and a receiver that verifies signatures.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/tools_support.hpp"
#include "support/webhook_receiver.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;
using tools::call;
using tools::expect;
using tools::kAda;
using tools::kAnn;

const std::vector<std::string> kFastRetries = {
    "--webhook-allow",      "127.0.0.1", "--webhook-retry-initial-ms", "50", "--webhook-retry-max-ms", "400",
    "--webhook-timeout-ms", "1000",      "--webhook-poll-ms",          "50"};

// One customer's chat, over REST.
struct Chat {
  std::int64_t id = 0;
  std::string token;
};

Chat start_chat(unsigned short port, const std::string& email) {
  const auto body = expect(call(port, "POST", "/api/v1/chat/sessions", "",
                                json::object{{"name", "Carla"}, {"email", email}, {"subject", "webhooks"}}),
                           201, "start chat");
  return {body.at("session_id").as_int64(), std::string(body.at("customer_token").as_string())};
}

// Sends a message; false when the server did not store it (it is down, or restarting).
bool send_message(unsigned short port, const Chat& chat, const std::string& text) {
  const auto result =
      try_request(port, "POST", "/api/v1/chat/sessions/" + std::to_string(chat.id) + "/messages",
                  json::serialize(json::object{{"body", text}, {"client_msg_id", text}}), bearer(chat.token));
  return result.error.empty() && (result.status == 201 || result.status == 200);
}

// The event log as the server committed it: position, id and type, in order.
struct LoggedEvent {
  std::int64_t position;
  std::string id;
  std::string type;
};
std::vector<LoggedEvent> logged_events(const std::filesystem::path& database) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + database.string());
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_stmt* query = nullptr;
  sqlite3_prepare_v2(db, "SELECT position, event_id, type FROM events ORDER BY position", -1, &query, nullptr);
  std::vector<LoggedEvent> events;
  while (sqlite3_step(query) == SQLITE_ROW)
    events.push_back({sqlite3_column_int64(query, 0), reinterpret_cast<const char*>(sqlite3_column_text(query, 1)),
                      reinterpret_cast<const char*>(sqlite3_column_text(query, 2))});
  sqlite3_finalize(query);
  sqlite3_close(db);
  return events;
}

json::object create_webhook(unsigned short port, const std::string& token, const std::string& url, json::array types) {
  return expect(call(port, "POST", "/api/v1/admin/webhooks", token, json::object{{"url", url}, {"event_types", types}}), 201,
                "create webhook")
      .at("webhook")
      .as_object();
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TEST(Webhooks, RegistrationRefusesPrivateAddressesBadUrlsAndUnknownTypesWithout400sForTheGoodOnes) {
  ServerProcess server({.users = {kAda, kAnn}});
  const auto port = server.port();
  const auto admin = login(port, kAda.username, kAda.password);
  const auto agent = login(port, kAnn.username, kAnn.password);
  const auto refused = [&](json::object body) {
    const auto result = call(port, "POST", "/api/v1/admin/webhooks", admin, body);
    EXPECT_EQ(result.status, 400) << result.body;
    return result.body;
  };
  const json::array all{"*"};
  EXPECT_NE(refused({{"url", "http://127.0.0.1:9/hook"}, {"event_types", all}}).find("loopback"), std::string::npos);
  EXPECT_NE(refused({{"url", "http://localhost:9/hook"}, {"event_types", all}}).find("loopback"), std::string::npos);
  EXPECT_NE(refused({{"url", "http://[::ffff:127.0.0.1]/"}, {"event_types", all}}).find("loopback"), std::string::npos);
  EXPECT_NE(refused({{"url", "http://10.1.2.3/"}, {"event_types", all}}).find("private"), std::string::npos);
  EXPECT_NE(refused({{"url", "http://169.254.169.254/latest"}, {"event_types", all}}).find("link-local"),
            std::string::npos);
  EXPECT_NE(refused({{"url", "ftp://example.com/"}, {"event_types", all}}).find("http"), std::string::npos);
  EXPECT_NE(refused({{"url", "https://user:pw@example.com/"}, {"event_types", all}}).find("credentials"),
            std::string::npos);
  EXPECT_NE(refused({{"url", "https://example.com/"}, {"event_types", json::array{"nonsense.created"}}})
                .find("nonsense.created"),
            std::string::npos);
  refused({{"url", "https://example.com/"}});
  refused({{"url", "https://example.com/"}, {"event_types", all}, {"colour", "red"}});
  EXPECT_EQ(call(port, "POST", "/api/v1/admin/webhooks", agent, json::object{{"url", "https://x"}}).status, 403);
  EXPECT_EQ(call(port, "GET", "/api/v1/admin/webhooks", "").status, 401);
  EXPECT_EQ(call(port, "GET", "/api/v1/admin/webhooks/999", admin).status, 404);
  EXPECT_TRUE(expect(call(port, "GET", "/api/v1/admin/webhooks", admin), 200, "list").at("webhooks").as_array().empty());
}

TEST(Webhooks, AllowListedReceiverCanBeManaged) {
  WebhookReceiver receiver;
  ServerProcess server({.users = {kAda}, .args = kFastRetries});
  const auto port = server.port();
  const auto admin = login(port, kAda.username, kAda.password);
  auto made = create_webhook(port, admin, receiver.url(), {"message.created", "session.*"});
  const auto id = made.at("id").as_int64();
  EXPECT_TRUE(std::string(made.at("secret").as_string()).starts_with("whsec_"));
  EXPECT_EQ(made.at("status").as_string(), "active");
  const auto shown = expect(call(port, "GET", "/api/v1/admin/webhooks/" + std::to_string(id), admin), 200, "get");
  EXPECT_FALSE(shown.at("webhook").as_object().contains("secret"));  // shown once only
  const auto paused = expect(call(port, "PATCH", "/api/v1/admin/webhooks/" + std::to_string(id), admin,
                                  json::object{{"active", false}, {"event_types", json::array{"*"}}}),
                             200, "patch");
  EXPECT_EQ(paused.at("webhook").at("status").as_string(), "paused");
  EXPECT_EQ(paused.at("webhook").at("event_types").as_array().size(), 1u);
  const auto given = expect(call(port, "POST", "/api/v1/admin/webhooks", admin,
                                 json::object{{"url", receiver.url("/b")},
                                              {"event_types", json::array{"*"}},
                                              {"secret", "my-own-secret-of-some-length"}}),
                            201, "create with secret");
  EXPECT_EQ(given.at("webhook").at("secret").as_string(), "my-own-secret-of-some-length");
  EXPECT_EQ(call(port, "DELETE", "/api/v1/admin/webhooks/" + std::to_string(id), admin).status, 204);
  EXPECT_EQ(call(port, "DELETE", "/api/v1/admin/webhooks/" + std::to_string(id), admin).status, 404);
  EXPECT_EQ(expect(call(port, "GET", "/api/v1/admin/webhooks", admin), 200, "list").at("webhooks").as_array().size(), 1u);
}

TEST(Webhooks, EveryEventArrivesSignedInOrderThroughFailuresAndSigkillsUnderChatTraffic) {
  ReceiverBehaviour flaky;
  flaky.fail = 0.2;
  flaky.hang = 0.03;
  flaky.slow = 0.1;
  flaky.oversized = 0.05;
  WebhookReceiver receiver(flaky, 13);
  WebhookReceiver messages_receiver;  // takes one type only
  TempDir data;  // outlives each process (a ServerProcess's own data dir goes with it)
  std::optional<ServerProcess> server;
  server.emplace(ServerOptions{.users = {kAda}, .args = kFastRetries, .data_dir = data.path()});
  const auto admin = login(server->port(), kAda.username, kAda.password);
  const auto all = create_webhook(server->port(), admin, receiver.url(), {"*"});
  const auto only = create_webhook(server->port(), admin, messages_receiver.url(), {"message.created"});
  const std::string secret(all.at("secret").as_string());
  const std::string only_secret(only.at("secret").as_string());
  const auto data_dir = data.path();
  const auto database = server->database_path();
  const auto logged_before = logged_events(database).size();

  // Customers chatting all along, through every kill and restart (a message that finds the server down is
  // simply not sent; the log holds what was committed).
  std::atomic<unsigned short> port{server->port()};
  std::atomic<bool> chatting{true};
  std::atomic<int> sent{0};
  std::vector<Chat> chats;
  for (int c = 0; c < 3; ++c) chats.push_back(start_chat(port, "carla" + std::to_string(c) + "@example.com"));
  std::thread traffic([&] {
    for (int n = 0; chatting; ++n) {
      if (send_message(port, chats[n % chats.size()], "message " + std::to_string(n))) ++sent;
      std::this_thread::sleep_for(15ms);  // a pace, not a wait for anything
    }
  });
  // Joined however the test ends (a failed ASSERT returns early).
  std::unique_ptr<std::thread, void (*)(std::thread*)> joined(&traffic, [](std::thread* t) {
    if (t->joinable()) t->join();
  });
  struct StopChatting {
    std::atomic<bool>& flag;
    ~StopChatting() { flag = false; }
  } stop_chatting{chatting};
  constexpr int kKills = 4;
  for (int kill = 0; kill < kKills; ++kill) {
    const auto before = receiver.delivered_ids().size();
    // Kill it while deliveries are under way.
    ASSERT_TRUE(receiver.wait_until([&](const auto&) { return receiver.delivered_ids().size() >= before + 15; }, 30s))
        << "kill " << kill << ": " << receiver.received().size() << " requests, " << sent << " messages sent\n"
        << server->logs().substr(0, 20000);
    EXPECT_EQ(server->stop(SIGKILL), 128 + SIGKILL);
    server.reset();
    server.emplace(ServerOptions{.users = {}, .args = kFastRetries, .data_dir = data_dir});
    port = server->port();
  }
  ASSERT_TRUE(receiver.wait_until([&](const auto&) { return sent >= 40; }, 30s));
  chatting = false;
  traffic.join();
  receiver.set_behaviour({});

  const auto log = logged_events(database);
  std::set<std::string> expected, expected_messages;
  for (std::size_t i = logged_before; i < log.size(); ++i) {
    expected.insert(log[i].id);
    if (log[i].type == "message.created") expected_messages.insert(log[i].id);
  }
  ASSERT_GE(expected_messages.size(), 40u);
  ASSERT_TRUE(receiver.wait_until([&](const auto&) { return receiver.delivered_ids() == expected; }, 45s))
      << receiver.delivered_ids().size() << " of " << expected.size() << " delivered";
  ASSERT_TRUE(messages_receiver.wait_until(
      [&](const auto&) { return messages_receiver.delivered_ids() == expected_messages; }, 30s))
      << messages_receiver.delivered_ids().size() << " of " << expected_messages.size() << " delivered";

  std::map<std::string, std::int64_t> position_in_log;
  for (const auto& e : log) position_in_log[e.id] = e.position;
  const auto check = [&](const WebhookReceiver& r, const std::string& key, const std::string& label) {
    std::set<std::string> ids;
    std::int64_t delivered_up_to = 0;
    std::int64_t failed_at = 0;
    int repeats = 0;
    for (const auto& hook : r.received()) {
      EXPECT_EQ(hook.user_agent, "livedesk-webhooks/1") << label;
      EXPECT_EQ(hook.content_type, "application/json") << label;
      std::set<std::string> fresh;  // each request's signature on its own (replays are the next test's)
      EXPECT_EQ(verify_webhook(key, hook.signature, hook.body, hook.event_id, now_seconds(), fresh), "ok") << label;
      const auto body = json::parse(hook.body).as_object();
      EXPECT_EQ(body.at("id").as_string(), hook.event_id);
      // A repeat is the same event: its id names the same log position.
      EXPECT_EQ(position_in_log.at(hook.event_id), hook.position) << label << " " << hook.event_id;
      if (!ids.insert(hook.event_id).second) ++repeats;
      // Order: never behind what was answered 2xx; after a failure, the same event again.
      EXPECT_GE(hook.position, delivered_up_to) << label << " went back to " << hook.position;
      if (failed_at != 0) EXPECT_EQ(hook.position, failed_at) << label << " skipped a failed event";
      const bool ok = hook.answer == "ok" || hook.answer == "slow" || hook.answer == "oversized";
      if (ok) delivered_up_to = std::max(delivered_up_to, hook.position);
      failed_at = ok ? 0 : hook.position;
    }
    return repeats;
  };
  const int repeats = check(receiver, secret, "all");
  const int message_repeats = check(messages_receiver, only_secret, "message.created");
  for (const auto& hook : messages_receiver.received())
    EXPECT_EQ(json::parse(hook.body).at("type").as_string(), "message.created");
  std::cout << "[ webhooks ] " << expected.size() << " events (" << expected_messages.size() << " messages), "
            << receiver.received().size() << " requests to the flaky receiver, " << repeats
            << " repeats (failures, timeouts, kills); " << message_repeats << " repeats to the other\n";

  // Every attempt is on record, failures with their status or error.
  const auto page = expect(
      call(server->port(), "GET", "/api/v1/admin/webhooks/" + std::to_string(all.at("id").as_int64()) + "/attempts?limit=200",
           login(server->port(), kAda.username, kAda.password)),
      200, "attempts");
  bool saw_failure = false;
  for (const auto& a : page.at("attempts").as_array()) saw_failure |= !a.at("error").is_null();
  EXPECT_TRUE(saw_failure);
}

TEST(Webhooks, FailingPastTheLimitDisablesAndReEnablingResumesWithTheFailedEvent) {
  ReceiverBehaviour broken;
  broken.fail = 1.0;
  WebhookReceiver receiver(broken);
  auto args = kFastRetries;
  args.insert(args.end(), {"--webhook-retry-for", "2"});
  ServerProcess server({.users = {kAda}, .args = args});
  const auto port = server.port();
  const auto admin = login(port, kAda.username, kAda.password);
  const auto id = std::to_string(create_webhook(port, admin, receiver.url(), {"message.created"}).at("id").as_int64());
  const auto chat = start_chat(port, "dana@example.com");
  for (const char* text : {"one", "two", "three"}) ASSERT_TRUE(send_message(port, chat, text));
  std::vector<std::string> messages;
  for (const auto& e : logged_events(server.database_path()))
    if (e.type == "message.created") messages.push_back(e.id);
  ASSERT_EQ(messages.size(), 3u);
  json::object shown;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  do {
    std::this_thread::sleep_for(50ms);
    shown = expect(call(port, "GET", "/api/v1/admin/webhooks/" + id, admin), 200, "get").at("webhook").as_object();
  } while (shown.at("status").as_string() != "disabled" && std::chrono::steady_clock::now() < deadline);
  ASSERT_EQ(shown.at("status").as_string(), "disabled") << json::serialize(shown);
  EXPECT_NE(std::string(shown.at("disabled_reason").as_string()).find("HTTP 5"), std::string::npos);
  for (const auto& hook : receiver.received()) EXPECT_EQ(hook.event_id, messages[0]);  // nothing overtook it

  const auto attempts = expect(call(port, "GET", "/api/v1/admin/webhooks/" + id + "/attempts?limit=2", admin), 200, "page");
  ASSERT_EQ(attempts.at("attempts").as_array().size(), 2u);
  EXPECT_FALSE(attempts.at("next_before").is_null());
  const auto& last = attempts.at("attempts").as_array()[0].as_object();
  EXPECT_EQ(last.at("event_id").as_string(), messages[0]);
  EXPECT_TRUE(last.at("status_code").as_int64() == 500 || last.at("status_code").as_int64() == 503);

  receiver.set_behaviour({});
  const auto enabled = expect(call(port, "POST", "/api/v1/admin/webhooks/" + id + "/enable", admin), 200, "enable");
  EXPECT_EQ(enabled.at("webhook").at("status").as_string(), "active");
  ASSERT_TRUE(receiver.wait_until([&](const auto&) { return receiver.delivered_ids().size() == 3; }, 30s));
  std::vector<std::string> order;
  for (const auto& hook : receiver.received())
    if (hook.answer == "ok") order.push_back(hook.event_id);
  EXPECT_EQ(order, messages);
}

TEST(Webhooks, AVerifyingReceiverTellsForgedExpiredAndReplayedDeliveriesApart) {
  WebhookReceiver receiver;
  ServerProcess server({.users = {kAda}, .args = kFastRetries});
  const auto port = server.port();
  const auto admin = login(port, kAda.username, kAda.password);
  const auto made = create_webhook(port, admin, receiver.url(), {"message.created"});
  const std::string secret(made.at("secret").as_string());
  ASSERT_TRUE(send_message(port, start_chat(port, "erin@example.com"), "hello"));
  ASSERT_TRUE(receiver.wait_until([](const auto& r) { return !r.empty(); }, 30s));
  const auto hook = receiver.received()[0];

  std::set<std::string> seen;
  const auto now = now_seconds();
  EXPECT_EQ(verify_webhook(secret, hook.signature, hook.body, hook.event_id, now, seen), "ok");
  EXPECT_EQ(verify_webhook(secret, hook.signature, hook.body, hook.event_id, now, seen), "replayed");
  std::string tampered = hook.body;
  tampered.replace(tampered.find("hello"), 5, "HELLO");
  EXPECT_EQ(verify_webhook(secret, hook.signature, tampered, hook.event_id, now, seen), "forged");
  EXPECT_EQ(verify_webhook("whsec_wrong", hook.signature, hook.body, hook.event_id, now, seen), "forged");
  EXPECT_EQ(verify_webhook(secret, hook.signature, hook.body, hook.event_id, now + 301, seen), "expired");
  const auto t = hook.signature.substr(2, hook.signature.find(',') - 2);
  EXPECT_EQ(verify_webhook(secret, "t=" + t, hook.body, hook.event_id, now, seen), "malformed");
  // A second v1 (a receiver accepting during secret rotation) passes when any one matches.
  std::set<std::string> fresh;
  EXPECT_EQ(verify_webhook(secret, hook.signature + ",v1=00ff", hook.body, hook.event_id, now, fresh), "ok");

  // Sent again by hand: the same id, a new signature time, on record as a manual attempt.
  std::this_thread::sleep_for(1100ms);  // the next second, so t differs
  const auto retried = expect(call(port, "POST",
                                   "/api/v1/admin/webhooks/" + std::to_string(made.at("id").as_int64()) + "/deliveries/" +
                                       std::to_string(hook.position) + "/retry",
                                   admin),
                              200, "retry");
  EXPECT_EQ(retried.at("attempt").at("manual").as_bool(), true);
  EXPECT_EQ(retried.at("attempt").at("status_code").as_int64(), 200);
  ASSERT_EQ(receiver.received().size(), 2u);
  const auto again = receiver.received()[1];
  EXPECT_EQ(again.event_id, hook.event_id);
  EXPECT_EQ(verify_webhook(secret, again.signature, again.body, again.event_id, now_seconds(), seen), "ok");
}

}  // namespace
}  // namespace livedesk::it
