// Webhooks, their attempts and the outbox's cursors, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::Ids;
using test_support::ids_of;
using test_support::kT0;

class WebhookStoreTest : public test_support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store_ = open();
  }

  static Webhook endpoint(std::string url) {
    Webhook w;
    w.url = std::move(url);
    w.event_types = "message.created session.*";
    w.secret = "whsec_1";
    w.created_ms = w.updated_ms = kT0;
    return w;
  }

  WebhookAttempt attempt(std::int64_t webhook, std::int64_t position, std::int64_t at_ms) {
    WebhookAttempt a;
    a.webhook_id = webhook;
    a.position = position;
    a.event_id = "ev-" + std::to_string(position);
    a.at_ms = at_ms;
    a.status_code = 500;
    a.latency_ms = 12;
    a.error = "HTTP 500";
    return a;
  }

  std::unique_ptr<Store> store_;
};

TEST_P(WebhookStoreTest, InsertFindListUpdateRemove) {
  auto& hooks = store_->webhooks();
  const auto a = hooks.insert(endpoint("https://a.example/hook"));
  const auto b = hooks.insert(endpoint("http://b.example/hook"));
  EXPECT_EQ(ids_of(hooks.list()), (Ids{a, b}));
  auto found = hooks.find(a);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->url, "https://a.example/hook");
  EXPECT_EQ(found->event_types, "message.created session.*");
  EXPECT_EQ(found->secret, "whsec_1");
  EXPECT_EQ(found->active, 1);
  EXPECT_FALSE(found->disabled_reason.has_value());

  found->url = "https://a.example/v2";
  found->active = 0;
  found->disabled_reason = "HTTP 500 for 24 h";
  found->disabled_ms = kT0 + 5;
  found->updated_ms = kT0 + 5;
  found->secret = "ignored";
  EXPECT_TRUE(hooks.update(*found));
  const auto updated = hooks.find(a);
  EXPECT_EQ(updated->url, "https://a.example/v2");
  EXPECT_EQ(updated->active, 0);
  EXPECT_EQ(updated->disabled_reason, "HTTP 500 for 24 h");
  EXPECT_EQ(updated->disabled_ms, kT0 + 5);
  EXPECT_EQ(updated->secret, "whsec_1");  // never rewritten
  EXPECT_EQ(updated->created_ms, kT0);

  EXPECT_TRUE(hooks.remove(a));
  EXPECT_FALSE(hooks.remove(a));
  EXPECT_FALSE(hooks.find(a).has_value());
  Webhook missing = endpoint("https://x.example");
  missing.id = a;
  EXPECT_FALSE(hooks.update(missing));
  EXPECT_THROW(hooks.insert(endpoint("ftp://c.example")), StoreError);
}

TEST_P(WebhookStoreTest, AttemptsPageNewestFirstAndGoWithTheirWebhook) {
  auto& hooks = store_->webhooks();
  const auto a = hooks.insert(endpoint("https://a.example"));
  const auto b = hooks.insert(endpoint("https://b.example"));
  Ids of_a;
  for (int i = 1; i <= 5; ++i) of_a.push_back(hooks.add_attempt(attempt(a, i, kT0 + i)));
  auto ok = attempt(b, 1, kT0);
  ok.status_code = std::nullopt;
  ok.error = "timeout";
  ok.manual = 1;
  const auto of_b = hooks.add_attempt(ok);

  const auto first_page = hooks.attempts(a, std::nullopt, 2);
  EXPECT_EQ(ids_of(first_page), (Ids{of_a[4], of_a[3]}));
  EXPECT_EQ(first_page[0].position, 5);
  EXPECT_EQ(first_page[0].event_id, "ev-5");
  EXPECT_EQ(first_page[0].status_code, 500);
  EXPECT_EQ(first_page[0].latency_ms, 12);
  EXPECT_EQ(first_page[0].error, "HTTP 500");
  EXPECT_EQ(ids_of(hooks.attempts(a, of_a[3], 10)), (Ids{of_a[2], of_a[1], of_a[0]}));
  const auto b_attempts = hooks.attempts(b, std::nullopt, 10);
  ASSERT_EQ(ids_of(b_attempts), (Ids{of_b}));
  EXPECT_FALSE(b_attempts[0].status_code.has_value());
  EXPECT_EQ(b_attempts[0].manual, 1);

  EXPECT_TRUE(hooks.remove(a));
  EXPECT_TRUE(hooks.attempts(a, std::nullopt, 10).empty());
  EXPECT_EQ(hooks.attempts(b, std::nullopt, 10).size(), 1u);
}

TEST_P(WebhookStoreTest, PruningRemovesOnlyOldAttemptsUpToTheLimit) {
  auto& hooks = store_->webhooks();
  const auto a = hooks.insert(endpoint("https://a.example"));
  for (int i = 1; i <= 5; ++i) hooks.add_attempt(attempt(a, i, kT0 + i));
  EXPECT_EQ(hooks.prune_attempts(kT0 + 4, 2), 2u);
  EXPECT_EQ(hooks.prune_attempts(kT0 + 4, 100), 1u);
  EXPECT_EQ(hooks.prune_attempts(kT0 + 4, 100), 0u);
  const auto left = hooks.attempts(a, std::nullopt, 10);
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[1].position, 4);
}

TEST_P(WebhookStoreTest, CursorsAreSavedReplacedAndNeverGoBack) {
  auto& outbox = store_->outbox();
  EXPECT_FALSE(outbox.find("webhook:1").has_value());
  outbox.save({"webhook:1", 10, std::nullopt, 0, std::nullopt, std::nullopt});
  outbox.save({"webhook:2", 3, 4, 2, kT0, kT0 + 500});
  auto one = outbox.find("webhook:1");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->position, 10);
  EXPECT_FALSE(one->pending_position.has_value());

  outbox.save({"webhook:1", 12, 13, 1, kT0 + 1, kT0 + 2});
  one = outbox.find("webhook:1");
  EXPECT_EQ(one->position, 12);
  EXPECT_EQ(one->pending_position, 13);
  EXPECT_EQ(one->attempts, 1);
  EXPECT_EQ(one->first_attempt_ms, kT0 + 1);
  EXPECT_EQ(one->next_attempt_ms, kT0 + 2);

  outbox.save({"webhook:1", 5, std::nullopt, 0, std::nullopt, std::nullopt});  // a late, older write
  one = outbox.find("webhook:1");
  EXPECT_EQ(one->position, 12);
  EXPECT_FALSE(one->pending_position.has_value());

  const auto all = outbox.list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].consumer, "webhook:1");
  EXPECT_EQ(all[1].pending_position, 4);
  EXPECT_TRUE(outbox.remove("webhook:2"));
  EXPECT_FALSE(outbox.remove("webhook:2"));
  EXPECT_EQ(outbox.list().size(), 1u);
}

TEST_P(WebhookStoreTest, WritesInsideARolledBackTransactionVanish) {
  EXPECT_THROW(store_->run_in_transaction([](Store& s) {
    s.webhooks().insert(endpoint("https://a.example"));
    s.outbox().save({"webhook:1", 1, std::nullopt, 0, std::nullopt, std::nullopt});
    throw std::runtime_error("no");
  }),
               std::runtime_error);
  EXPECT_TRUE(store_->webhooks().list().empty());
  EXPECT_TRUE(store_->outbox().list().empty());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(WebhookStoreTest);

}  // namespace
}  // namespace livedesk::store
