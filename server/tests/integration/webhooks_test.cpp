// Webhooks against the real binary and real receivers on loopback (docs/integrations.md, "Webhooks"):
// registration and its refusals, a receiver that fails, hangs, answers slowly and sends oversized bodies
// while livedesk is SIGKILLed and restarted mid-delivery, and a receiver that verifies signatures.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
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

const std::vector<std::string> kFastRetries = {"--webhook-allow", "127.0.0.1",     "--webhook-retry-initial-ms", "50",
                                               "--webhook-retry-max-ms", "400", "--webhook-timeout-ms", "1000",
                                               "--webhook-poll-ms", "50"};

// Appends events to the log as the engine does (until chat traffic does it in these tests).
void append_events(const std::filesystem::path& database, int first, int count, const std::string& type) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + database.string());
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events(event_id, type, created_ms, payload) VALUES (?1, ?2, ?3, ?4)", -1,
                     &insert, nullptr);
  for (int n = first; n < first + count; ++n) {
    const std::string id = "it-event-" + std::to_string(n);
    const std::string payload = R"({"type":"message_created","data":{"n":)" + std::to_string(n) + "}}";
    sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, type.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 3, 1'800'000'000'000 + n);
    sqlite3_bind_text(insert, 4, payload.c_str(), -1, SQLITE_TRANSIENT);
    const int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (rc != SQLITE_DONE) {
      sqlite3_finalize(insert);
      sqlite3_close(db);
      throw std::runtime_error("insert event failed: " + std::to_string(rc));
    }
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
}

json::object create_webhook(unsigned short port, const std::string& token, const std::string& url,
                            json::array types) {
  return expect(call(port, "POST", "/api/v1/webhooks", token, json::object{{"url", url}, {"event_types", types}}),
                201, "create webhook")
      .at("webhook")
      .as_object();
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(Webhooks, RegistrationRefusesPrivateAddressesBadUrlsAndUnknownTypesWithout400sForTheGoodOnes) {
  ServerProcess server({.users = {kAda, kAnn}});
  const auto port = server.port();
  const auto admin = login(port, kAda.username, kAda.password);
  const auto agent = login(port, kAnn.username, kAnn.password);
  const auto refused = [&](json::object body) {
    const auto result = call(port, "POST", "/api/v1/webhooks", admin, body);
    EXPECT_EQ(result.status, 400) << result.body;
    return result.body;
  };
  const json::array all{"*"};
  EXPECT_NE(refused({{"url", "http://127.0.0.1:9/hook"}, {"event_types", all}}).find("loopback"), std::string::npos);
  EXPECT_NE(refused({{"url", "http://localhost:9/hook"}, {"event_types", all}}).find("loopback"), std::string::npos);
  EXPECT_NE(refused({{"url", "http://[::ffff:127.0.0.1]/"}, {"event_types", all}}).find("loopback"),
            std::string::npos);
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
  EXPECT_EQ(call(port, "POST", "/api/v1/webhooks", agent, json::object{{"url", "https://x"}}).status, 403);
  EXPECT_EQ(call(port, "GET", "/api/v1/webhooks", "").status, 401);
  EXPECT_EQ(call(port, "GET", "/api/v1/webhooks/999", admin).status, 404);
  EXPECT_TRUE(expect(call(port, "GET", "/api/v1/webhooks", admin), 200, "list").at("webhooks").as_array().empty());
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
  const auto shown = expect(call(port, "GET", "/api/v1/webhooks/" + std::to_string(id), admin), 200, "get");
  EXPECT_FALSE(shown.at("webhook").as_object().contains("secret"));  // shown once only
  const auto paused = expect(call(port, "PATCH", "/api/v1/webhooks/" + std::to_string(id), admin,
                                  json::object{{"active", false}, {"event_types", json::array{"*"}}}),
                             200, "patch");
  EXPECT_EQ(paused.at("webhook").at("status").as_string(), "paused");
  EXPECT_EQ(paused.at("webhook").at("event_types").as_array().size(), 1u);
  const auto given = expect(call(port, "POST", "/api/v1/webhooks", admin,
                                 json::object{{"url", receiver.url("/b")},
                                              {"event_types", json::array{"*"}},
                                              {"secret", "my-own-secret-of-some-length"}}),
                            201, "create with secret");
  EXPECT_EQ(given.at("webhook").at("secret").as_string(), "my-own-secret-of-some-length");
  EXPECT_EQ(call(port, "DELETE", "/api/v1/webhooks/" + std::to_string(id), admin).status, 204);
  EXPECT_EQ(call(port, "DELETE", "/api/v1/webhooks/" + std::to_string(id), admin).status, 404);
  EXPECT_EQ(expect(call(port, "GET", "/api/v1/webhooks", admin), 200, "list").at("webhooks").as_array().size(), 1u);
}

TEST(Webhooks, EveryEventArrivesSignedInOrderThroughFailuresAndSigkills) {
  ReceiverBehaviour flaky;
  flaky.fail = 0.2;
  flaky.hang = 0.03;
  flaky.slow = 0.1;
  flaky.oversized = 0.05;
  WebhookReceiver receiver(flaky, 13);
  WebhookReceiver filtered_receiver;  // takes one type only
  std::optional<ServerProcess> server;
  server.emplace(ServerOptions{.users = {kAda}, .args = kFastRetries});
  const auto admin = login(server->port(), kAda.username, kAda.password);
  const auto all = create_webhook(server->port(), admin, receiver.url(), {"*"});
  const auto only = create_webhook(server->port(), admin, filtered_receiver.url(), {"session.*"});
  const std::string secret(all.at("secret").as_string());
  const std::string only_secret(only.at("secret").as_string());
  const auto data_dir = server->data_dir();

  constexpr int kRounds = 4, kPerRound = 40;
  int appended = 0;
  for (int round = 0; round < kRounds; ++round) {
    append_events(server->database_path(), appended, kPerRound, round % 2 ? "session.assigned" : "message.created");
    appended += kPerRound;
    const auto before = receiver.delivered_ids().size();
    // Kill it once deliveries are under way, not before.
    ASSERT_TRUE(receiver.wait_until([&](const auto&) { return receiver.delivered_ids().size() >= before + 10; }, 30s));
    EXPECT_EQ(server->stop(SIGKILL), 128 + SIGKILL);
    server.reset();
    server.emplace(ServerOptions{.users = {}, .args = kFastRetries, .data_dir = data_dir});
  }
  receiver.set_behaviour({});
  ASSERT_TRUE(receiver.wait_until([&](const auto&) { return int(receiver.delivered_ids().size()) == appended; }, 45s))
      << receiver.delivered_ids().size() << " of " << appended << " delivered";
  ASSERT_TRUE(filtered_receiver.wait_until(
      [&](const auto&) { return int(filtered_receiver.delivered_ids().size()) == appended / 2; }, 30s));

  const auto check = [&](const WebhookReceiver& r, const std::string& key, const std::string& label) {
    std::map<std::string, std::int64_t> position_of;
    std::int64_t delivered_up_to = 0;
    std::int64_t failed_at = 0;
    std::set<std::string> seen;
    int duplicates = 0;
    for (const auto& hook : r.received()) {
      EXPECT_EQ(hook.user_agent, "livedesk-webhooks/1") << label;
      EXPECT_EQ(hook.content_type, "application/json") << label;
      std::set<std::string> fresh;  // signatures, not replay: every request is checked on its own
      EXPECT_EQ(verify_webhook(key, hook.signature, hook.body, hook.event_id, now_seconds(), fresh), "ok") << label;
      const auto body = json::parse(hook.body).as_object();
      EXPECT_EQ(body.at("id").as_string(), hook.event_id);
      // The same id always carries the same position: a repeat is the same event.
      auto [it, inserted] = position_of.emplace(hook.event_id, hook.position);
      EXPECT_EQ(it->second, hook.position) << label << " " << hook.event_id;
      if (!inserted) ++duplicates;
      // Order: never behind what was answered 2xx; after a failure, the same event again.
      EXPECT_GE(hook.position, delivered_up_to) << label << " went back to " << hook.position;
      if (failed_at != 0) EXPECT_EQ(hook.position, failed_at) << label << " skipped a failed event";
      const bool ok = hook.answer == "ok" || hook.answer == "slow" || hook.answer == "oversized";
      if (ok) delivered_up_to = std::max(delivered_up_to, hook.position);
      failed_at = ok ? 0 : hook.position;
      seen.insert(hook.event_id);
    }
    return duplicates;
  };
  const int duplicates = check(receiver, secret, "all");
  check(filtered_receiver, only_secret, "session.*");
  for (const auto& hook : filtered_receiver.received())
    EXPECT_EQ(json::parse(hook.body).at("type").as_string(), "session.assigned");
  std::cout << "[ webhooks ] " << appended << " events, " << receiver.received().size() << " requests, "
            << duplicates << " repeats (failures, timeouts and kills)\n";

  // Every attempt is on record, failures with their status or error.
  const auto page = expect(call(server->port(), "GET",
                                "/api/v1/webhooks/" + std::to_string(all.at("id").as_int64()) + "/attempts?limit=200",
                                login(server->port(), kAda.username, kAda.password)),
                           200, "attempts");
  EXPECT_FALSE(page.at("attempts").as_array().empty());
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
  const auto id = std::to_string(create_webhook(port, admin, receiver.url(), {"*"}).at("id").as_int64());
  append_events(server.database_path(), 0, 3, "message.created");
  json::object shown;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  do {
    std::this_thread::sleep_for(50ms);
    shown = expect(call(port, "GET", "/api/v1/webhooks/" + id, admin), 200, "get").at("webhook").as_object();
  } while (shown.at("status").as_string() != "disabled" && std::chrono::steady_clock::now() < deadline);
  ASSERT_EQ(shown.at("status").as_string(), "disabled") << json::serialize(shown);
  EXPECT_NE(std::string(shown.at("disabled_reason").as_string()).find("HTTP 5"), std::string::npos);
  for (const auto& hook : receiver.received()) EXPECT_EQ(hook.event_id, "it-event-0");  // nothing overtook it

  const auto attempts = expect(call(port, "GET", "/api/v1/webhooks/" + id + "/attempts?limit=2", admin), 200, "page");
  ASSERT_EQ(attempts.at("attempts").as_array().size(), 2u);
  EXPECT_FALSE(attempts.at("next_before").is_null());
  const auto& last = attempts.at("attempts").as_array()[0].as_object();
  EXPECT_EQ(last.at("event_id").as_string(), "it-event-0");
  EXPECT_TRUE(last.at("status_code").as_int64() == 500 || last.at("status_code").as_int64() == 503);

  receiver.set_behaviour({});
  const auto enabled = expect(call(port, "POST", "/api/v1/webhooks/" + id + "/enable", admin), 200, "enable");
  EXPECT_EQ(enabled.at("webhook").at("status").as_string(), "active");
  ASSERT_TRUE(receiver.wait_until([&](const auto&) { return receiver.delivered_ids().size() == 3; }, 30s));
  std::vector<std::string> order;
  for (const auto& hook : receiver.received())
    if (hook.answer == "ok") order.push_back(hook.event_id);
  EXPECT_EQ(order, (std::vector<std::string>{"it-event-0", "it-event-1", "it-event-2"}));
}

TEST(Webhooks, AVerifyingReceiverTellsForgedExpiredAndReplayedDeliveriesApart) {
  WebhookReceiver receiver;
  ServerProcess server({.users = {kAda}, .args = kFastRetries});
  const auto port = server.port();
  const auto admin = login(port, kAda.username, kAda.password);
  const auto made = create_webhook(port, admin, receiver.url(), {"*"});
  const std::string secret(made.at("secret").as_string());
  append_events(server.database_path(), 0, 1, "message.created");
  ASSERT_TRUE(receiver.wait_until([](const auto& r) { return !r.empty(); }, 30s));
  const auto hook = receiver.received()[0];

  std::set<std::string> seen;
  const auto now = now_seconds();
  EXPECT_EQ(verify_webhook(secret, hook.signature, hook.body, hook.event_id, now, seen), "ok");
  EXPECT_EQ(verify_webhook(secret, hook.signature, hook.body, hook.event_id, now, seen), "replayed");
  std::string tampered = hook.body;
  tampered.replace(tampered.find("\"n\":0"), 5, "\"n\":9");
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
                                   "/api/v1/webhooks/" + std::to_string(made.at("id").as_int64()) + "/deliveries/" +
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
