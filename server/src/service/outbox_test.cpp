// The outbox with the webhook consumer, over a real SQLite store, a fake transport and a manual clock:
// order per endpoint, type filtering, retries on the backoff schedule, disabling after the window,
// re-enabling, restarts mid-delivery and the manual retry.
#include "service/outbox.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <mutex>

#include "auth/webhook_signature.hpp"
#include "domain/iso_time.hpp"
#include "service/webhook_deliveries.hpp"
#include "service/webhook_service.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_executor.hpp"
#include "store/test_support/temp_directory.hpp"
#include "support/metrics/server_metrics.hpp"

namespace livedesk::service {
namespace {

using namespace std::chrono_literals;

// Holds every request until the test answers it.
class FakeTransport final : public WebhookTransport {
 public:
  struct Sent {
    WebhookRequest request;
    std::function<void(WebhookResponse)> done;
  };
  void send(WebhookRequest request, std::function<void(WebhookResponse)> done) override {
    std::lock_guard lock(mutex_);
    sent_.push_back({std::move(request), std::move(done)});
  }
  std::optional<std::string> refusal(const std::string& url) override {
    if (url.find("10.0.0.1") != std::string::npos) return "refused: private address";
    return std::nullopt;
  }
  std::size_t count() {
    std::lock_guard lock(mutex_);
    return sent_.size();
  }
  Sent take(std::size_t i) {
    std::lock_guard lock(mutex_);
    return sent_.at(i);
  }
  void answer(std::size_t i, std::optional<int> status, std::optional<std::chrono::milliseconds> retry_after = {}) {
    auto done = take(i).done;
    done(WebhookResponse{status, status ? "" : "timeout", 7ms, retry_after});
  }

 private:
  std::mutex mutex_;
  std::vector<Sent> sent_;
};

std::string header(const WebhookRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers)
    if (key == name) return value;
  return "";
}

std::string event_id_of(const WebhookRequest& request) { return header(request, "Livedesk-Event-Id"); }

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    outbox_store_ = store::open_sqlite_store(file_);
    options_.backoff = {1000ms, 8000ms};
    options_.retry_for = 60s;
    options_.poll = 10ms;
    make_outbox();
  }
  void TearDown() override {
    outbox_.reset();
    executor_->stop();
  }

  void make_outbox() {
    outbox_.reset();
    outbox_ = std::make_unique<Outbox>(*outbox_store_, consumer_, clock_, options_, [] { return 1.0; });
  }

  // Registers through the service (as the API does) and waits for the answer.
  WebhookView create(std::vector<std::string> types, std::string url = "https://hooks.example/in") {
    std::promise<WebhookOutcome<WebhookView>> made;
    service_.create({url, types, std::string("whsec_test_secret_0123"), std::nullopt},
                    [&](WebhookOutcome<WebhookView> outcome) { made.set_value(std::move(outcome)); });
    auto outcome = made.get_future().get();
    EXPECT_TRUE(std::holds_alternative<WebhookView>(outcome));
    return std::get<WebhookView>(outcome);
  }

  std::int64_t log(const std::string& type) {
    store::EventRecord record;
    record.event_id = "ev-" + std::to_string(++appended_);
    record.type = type;
    record.created_ms = domain::to_unix_ms(clock_.now());
    record.payload = R"({"type":")" + type + R"(","data":{"n":)" + std::to_string(appended_) + "}}";
    return outbox_store_->events().append(record);
  }

  store::Webhook webhook(std::int64_t id) { return *outbox_store_->webhooks().find(id); }
  store::OutboxCursor cursor(std::int64_t id) { return *outbox_store_->outbox().find(webhook_target(id)); }
  std::vector<store::WebhookAttempt> attempts(std::int64_t id) {
    return outbox_store_->webhooks().attempts(id, std::nullopt, 100);
  }
  // Answers request `i` and lets the outbox take the result in.
  void answer(std::size_t i, std::optional<int> status, std::optional<std::chrono::milliseconds> retry_after = {}) {
    transport_.answer(i, status, retry_after);
    outbox_->run_round();
  }

  store::test_support::TempDirectory dir_;
  std::filesystem::path file_ = dir_.path() / "livedesk.db";
  domain::ManualClock clock_{domain::from_unix_ms(1'800'000'000'000)};
  FakeTransport transport_;
  support::ServerMetrics metrics_;
  WebhookDeliveries consumer_{transport_, clock_, &metrics_};
  std::unique_ptr<store::StoreExecutor> executor_ =
      std::make_unique<store::StoreExecutor>(store::open_sqlite_store(file_));
  std::unique_ptr<store::Store> outbox_store_;
  support::WorkerThread checks_{"checks"};
  WebhookService service_{*executor_, checks_, transport_, clock_};
  OutboxOptions options_;
  std::unique_ptr<Outbox> outbox_;
  int appended_ = 0;
};

TEST_F(OutboxTest, DeliversOnlyNewMatchingEventsOneAtATimeInLogOrder) {
  log("message.created");  // before the webhook: not its business
  const auto hook = create({"message.created", "session.*"});
  const auto first = log("message.created");
  log("agent.status_changed");
  const auto third = log("session.assigned");
  EXPECT_EQ(outbox_->run_round(), 1);
  EXPECT_EQ(outbox_->run_round(), 0);  // one in flight per endpoint
  ASSERT_EQ(transport_.count(), 1u);
  EXPECT_EQ(event_id_of(transport_.take(0).request), "ev-2");
  EXPECT_EQ(cursor(hook.id).pending_position, first);

  answer(0, 200);
  ASSERT_EQ(transport_.count(), 2u);
  EXPECT_EQ(event_id_of(transport_.take(1).request), "ev-4");  // ev-3 is not a type it takes
  answer(1, 204);
  EXPECT_EQ(transport_.count(), 2u);
  EXPECT_EQ(cursor(hook.id).position, third);
  EXPECT_FALSE(cursor(hook.id).pending_position.has_value());
  const auto made = attempts(hook.id);
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].event_id, "ev-4");
  EXPECT_EQ(made[0].status_code, 204);
  EXPECT_EQ(made[1].position, first);
  EXPECT_EQ(made[1].latency_ms, 7);
}

TEST_F(OutboxTest, SignsTheBodyAndSendsTheDocumentedHeaders) {
  create({"*"});
  log("message.created");
  outbox_->run_round();
  const auto request = transport_.take(0).request;
  EXPECT_EQ(request.url, "https://hooks.example/in");
  EXPECT_EQ(header(request, "Content-Type"), "application/json");
  EXPECT_EQ(header(request, "User-Agent"), "livedesk-webhooks/1");
  const auto t = domain::to_unix_ms(clock_.now()) / 1000;
  EXPECT_EQ(header(request, "Livedesk-Signature"), auth::webhook_signature("whsec_test_secret_0123", t, request.body));
  const auto body = boost::json::parse(request.body).as_object();
  EXPECT_EQ(body.at("id").as_string(), "ev-1");
  EXPECT_EQ(body.at("position").as_int64(), 1);
  EXPECT_EQ(body.at("type").as_string(), "message.created");
  EXPECT_EQ(body.at("time").as_string(), domain::format_iso8601(clock_.now()));
  EXPECT_EQ(body.at("data").as_object().at("n").as_int64(), 1);
}

TEST_F(OutboxTest, AFailingEventIsRetriedOnTheScheduleAndHoldsBackTheNext) {
  const auto hook = create({"*"});
  log("message.created");
  log("message.created");
  outbox_->run_round();
  answer(0, 500);
  // unit_random is 1.0: each wait is the ceiling, 1 s, 2 s, 4 s.
  clock_.advance(999ms);
  EXPECT_EQ(outbox_->run_round(), 0);
  clock_.advance(1ms);
  EXPECT_EQ(outbox_->run_round(), 1);
  ASSERT_EQ(transport_.count(), 2u);
  EXPECT_EQ(event_id_of(transport_.take(1).request), "ev-1");
  answer(1, std::nullopt);  // a timeout
  clock_.advance(1999ms);
  EXPECT_EQ(outbox_->run_round(), 0);
  clock_.advance(1ms);
  outbox_->run_round();
  ASSERT_EQ(transport_.count(), 3u);
  EXPECT_EQ(event_id_of(transport_.take(2).request), "ev-1");
  answer(2, 200);
  ASSERT_EQ(transport_.count(), 4u);
  EXPECT_EQ(event_id_of(transport_.take(3).request), "ev-2");
  const auto made = attempts(hook.id);
  ASSERT_EQ(made.size(), 3u);
  EXPECT_EQ(made[2].attempt, 1);
  EXPECT_EQ(made[2].error, "HTTP 500");
  EXPECT_EQ(made[1].attempt, 2);
  EXPECT_EQ(made[1].error, "timeout");
  EXPECT_FALSE(made[1].status_code.has_value());
  EXPECT_EQ(made[0].attempt, 3);
  EXPECT_EQ(made[0].error, "");
}

TEST_F(OutboxTest, RetryAfterIsHonouredUpToTheLongestWait) {
  create({"*"});
  log("message.created");
  outbox_->run_round();
  answer(0, 429, 5000ms);
  clock_.advance(4999ms);
  EXPECT_EQ(outbox_->run_round(), 0);
  clock_.advance(1ms);
  EXPECT_EQ(outbox_->run_round(), 1);
  answer(1, 503, 3'600'000ms);  // an hour: cut to the longest wait, 8 s
  clock_.advance(8000ms);
  EXPECT_EQ(outbox_->run_round(), 1);
}

TEST_F(OutboxTest, DisablesAfterTheWindowAndResumesWithTheFailedEventWhenReEnabled) {
  const auto hook = create({"*"});
  const auto failing = log("message.created");
  log("message.created");
  outbox_->run_round();
  std::size_t sent = 0;
  for (; webhook(hook.id).active == 1; ++sent) {
    ASSERT_LT(sent, 100u);
    ASSERT_EQ(transport_.count(), sent + 1);
    EXPECT_EQ(event_id_of(transport_.take(sent).request), "ev-1");  // never the next one
    answer(sent, 502);
    clock_.advance(8000ms);
    outbox_->run_round();
  }
  EXPECT_GE(sent, 7u);  // 60 s of 1, 2, 4, 8, 8, ... s waits
  const auto disabled = webhook(hook.id);
  ASSERT_TRUE(disabled.disabled_reason.has_value());
  EXPECT_NE(disabled.disabled_reason->find("HTTP 502"), std::string::npos);
  EXPECT_EQ(cursor(hook.id).pending_position, failing);
  clock_.advance(60s);
  outbox_->run_round();
  EXPECT_EQ(transport_.count(), sent);  // nothing goes to a disabled endpoint

  std::promise<WebhookOutcome<WebhookView>> enabled;
  service_.update(hook.id, {std::nullopt, std::nullopt, std::nullopt, true},
                  [&](auto outcome) { enabled.set_value(std::move(outcome)); });
  auto view = std::get<WebhookView>(enabled.get_future().get());
  EXPECT_EQ(view.active, 1);
  EXPECT_FALSE(view.disabled_reason.has_value());
  EXPECT_EQ(view.pending, failing);
  outbox_->run_round();
  ASSERT_EQ(transport_.count(), sent + 1);
  EXPECT_EQ(event_id_of(transport_.take(sent).request), "ev-1");
  answer(sent, 200);
  EXPECT_EQ(event_id_of(transport_.take(sent + 1).request), "ev-2");

  const auto endpoint = std::to_string(hook.id);
  EXPECT_EQ(metrics_.webhook_deliveries.with({endpoint, "failed"}).value(), double(sent));
  EXPECT_EQ(metrics_.webhook_deliveries.with({endpoint, "gave_up"}).value(), 1.0);
  EXPECT_EQ(metrics_.webhook_deliveries.with({endpoint, "delivered"}).value(), 1.0);
  EXPECT_EQ(metrics_.webhook_lag.with({endpoint}).value(), 1.0);  // as of the last round: ev-2 on its way
  std::promise<WebhookOutcome<bool>> removed;
  service_.remove(hook.id, [&](auto outcome) { removed.set_value(std::move(outcome)); });
  removed.get_future().get();
  outbox_->run_round();
  EXPECT_EQ(metrics_.scrape().find("endpoint=\"" + endpoint + "\""), std::string::npos);  // its children are gone
}

TEST_F(OutboxTest, ARestartMidDeliverySendsTheSameEventAgain) {
  const auto hook = create({"*"});
  log("message.created");
  outbox_->run_round();
  ASSERT_EQ(transport_.count(), 1u);
  make_outbox();  // the process died with the delivery out (its answer is never heard)
  outbox_->run_round();
  ASSERT_EQ(transport_.count(), 2u);
  EXPECT_EQ(event_id_of(transport_.take(1).request), "ev-1");
  EXPECT_TRUE(cursor(hook.id).pending_position.has_value());
  answer(1, 200);
  EXPECT_FALSE(cursor(hook.id).pending_position.has_value());
  EXPECT_EQ(attempts(hook.id).size(), 1u);
}

TEST_F(OutboxTest, ManualRetrySendsTheLoggedEventWithItsIdAndRecordsIt) {
  const auto hook = create({"message.created"});
  const auto position = log("message.created");
  outbox_->run_round();
  answer(0, 200);
  std::promise<WebhookOutcome<WebhookRetried>> retried;
  service_.retry(hook.id, position, [&](auto outcome) { retried.set_value(std::move(outcome)); });
  for (int i = 0; i < 5000 && transport_.count() < 2; ++i) std::this_thread::sleep_for(1ms);
  ASSERT_EQ(transport_.count(), 2u);
  EXPECT_EQ(event_id_of(transport_.take(1).request), "ev-1");
  transport_.answer(1, 201);
  const auto outcome = retried.get_future().get();
  ASSERT_TRUE(std::holds_alternative<WebhookRetried>(outcome));
  EXPECT_EQ(std::get<WebhookRetried>(outcome).attempt.status_code, 201);
  const auto made = attempts(hook.id);
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].manual, 1);
  EXPECT_EQ(made[0].event_id, "ev-1");

  std::promise<WebhookOutcome<WebhookRetried>> missing;
  service_.retry(hook.id, 99, [&](auto outcome) { missing.set_value(std::move(outcome)); });
  EXPECT_EQ(std::get<WebhookRefused>(missing.get_future().get()).reason, WebhookRefused::Reason::not_found);
}

TEST_F(OutboxTest, RegistrationRefusesBadTypesAndRefusedAddresses) {
  const auto refused = [&](WebhookChange change) {
    std::promise<WebhookOutcome<WebhookView>> made;
    service_.create(change, [&](auto outcome) { made.set_value(std::move(outcome)); });
    auto outcome = made.get_future().get();
    return std::holds_alternative<WebhookRefused>(outcome) ? std::get<WebhookRefused>(outcome).message : "";
  };
  EXPECT_NE(refused({"http://10.0.0.1/x", std::vector<std::string>{"*"}, std::nullopt, std::nullopt}), "");
  EXPECT_NE(refused({"https://a.example", std::vector<std::string>{"bogus.created"}, std::nullopt, std::nullopt})
                .find("bogus.created"),
            std::string::npos);
  EXPECT_NE(refused({"https://a.example", std::vector<std::string>{}, std::nullopt, std::nullopt}), "");
  EXPECT_NE(refused({"https://a.example", std::vector<std::string>{"*"}, std::string("short"), std::nullopt}), "");
  EXPECT_EQ(event_types_problem({"session.*", "message.created", "*", "canned_response.deleted"}), std::nullopt);
  EXPECT_NE(event_types_problem({"session"}), std::nullopt);
  EXPECT_NE(event_types_problem({"session.a*b"}), std::nullopt);
  std::promise<WebhookOutcome<WebhookView>> made;
  service_.create({"https://a.example", std::vector<std::string>{"*"}, std::nullopt, std::nullopt},
                  [&](auto outcome) { made.set_value(std::move(outcome)); });
  const auto view = std::get<WebhookView>(made.get_future().get());
  EXPECT_TRUE(view.secret.starts_with("whsec_"));  // generated, and shown this once
}

TEST(WebhookTypes, PatternsMatchExactlyOrByPrefix) {
  EXPECT_TRUE(webhook_wants_type("message.created", "message.created"));
  EXPECT_FALSE(webhook_wants_type("message.created", "message.created_x"));
  EXPECT_TRUE(webhook_wants_type("note.created session.*", "session.closed"));
  EXPECT_FALSE(webhook_wants_type("session.*", "sessions.closed"));
  EXPECT_TRUE(webhook_wants_type("*", "agent.status_changed"));
  EXPECT_FALSE(webhook_wants_type("", "agent.status_changed"));
}

}  // namespace
}  // namespace livedesk::service
