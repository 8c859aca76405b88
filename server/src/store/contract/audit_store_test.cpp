// The audit trail, in every store: pages and the filtered query.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;
using test_support::Ids;
using test_support::ids_of;
using test_support::staff;
using test_support::audit;

// A fresh database per test, and no store open yet.
class AuditStoreTest : public test_support::StoreTest {};

TEST_P(AuditStoreTest, AuditPagesNewestFirst) {
  auto store = open();
  const auto actor = store->accounts().create(staff("dave"));
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(store->audit().append(audit("action" + std::to_string(i), actor)));

  const auto first = store->audit().list(0, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, ids[4]);
  EXPECT_EQ(first[1].id, ids[3]);
  EXPECT_EQ(first[0].action, "action4");
  EXPECT_EQ(first[0].actor_user_id, actor);
  EXPECT_EQ(first[0].at_ms, 1'700'000'000'123);
  EXPECT_EQ(first[0].target_type, "session");
  EXPECT_EQ(first[0].target_id, "42");
  EXPECT_EQ(first[0].detail_json, R"({"reason":"test"})");

  const auto second = store->audit().list(first.back().id, 2);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].id, ids[2]);
  EXPECT_EQ(second[1].id, ids[1]);

  const auto last = store->audit().list(second.back().id, 10);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].id, ids[0]);
  EXPECT_TRUE(store->audit().list(ids[0], 10).empty());
  EXPECT_TRUE(store->audit().list(0, 0).empty());
  EXPECT_TRUE(store->audit().list(0, -1).empty());
  EXPECT_EQ(store->audit().list(-5, 100).size(), 5u);
}

TEST_P(AuditStoreTest, AuditKeepsSystemActorAndNormalizesEmptyDetail) {
  auto store = open();
  auto entry = audit("startup");
  entry.detail_json.clear();
  store->audit().append(entry);
  const auto entries = store->audit().list(0, 1);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_FALSE(entries[0].actor_user_id.has_value());
  EXPECT_EQ(entries[0].detail_json, "{}");

  entry.detail_json = "{not json";
  EXPECT_THROW(store->audit().append(entry), StoreError);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(AuditStoreTest);

// An agent and a supervisor to act.
class AuditQueryTest : public test_support::SupervisorToolsTest {};

TEST_P(AuditQueryTest, QueryAuditFiltersAreAndedNewestFirst) {
  const auto a1 = store_->audit().append(audit(kT0 + 10, agent_, "chat.close"));
  const auto a2 = store_->audit().append(audit(kT0 + 20, supervisor_, "customer.block"));
  const auto a3 = store_->audit().append(audit(kT0 + 30, agent_, "chat.transfer"));
  const auto a4 = store_->audit().append(audit(kT0 + 40, std::nullopt, "chat.close"));
  const auto a5 = store_->audit().append(audit(kT0 + 50, agent_, "chat.close"));

  auto query = [&](AuditQuery q) { return ids_of(store_->audit().query(q)); };
  EXPECT_EQ(query({}), (Ids{a5, a4, a3, a2, a1}));
  EXPECT_EQ(query({.actor_user_id = agent_}), (Ids{a5, a3, a1}));
  EXPECT_EQ(query({.from_ms = kT0 + 20}), (Ids{a5, a4, a3, a2}));
  EXPECT_EQ(query({.to_ms = kT0 + 30}), (Ids{a2, a1}));  // to is exclusive
  EXPECT_EQ(query({.from_ms = kT0 + 20, .to_ms = kT0 + 40}), (Ids{a3, a2}));
  EXPECT_EQ(query({.action = "chat.close"}), (Ids{a5, a4, a1}));
  EXPECT_EQ(query({.action = "chat"}), Ids{});  // exact, not a prefix
  EXPECT_EQ(query({.actor_user_id = agent_, .from_ms = kT0 + 20, .action = "chat.close"}), (Ids{a5}));
  EXPECT_EQ(query({.actor_user_id = supervisor_, .action = "chat.close"}), Ids{});
  EXPECT_EQ(query({.limit = 0}), Ids{});
  EXPECT_EQ(query({.limit = -1}), Ids{});

  const auto entries = store_->audit().query({.action = "customer.block"});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at_ms, kT0 + 20);
  EXPECT_EQ(entries[0].actor_user_id, supervisor_);
  EXPECT_EQ(entries[0].target_type, "session");
  EXPECT_EQ(entries[0].target_id, "1");
  EXPECT_EQ(entries[0].detail_json, "{}");
}

TEST_P(AuditQueryTest, QueryAuditPagesWithBeforeIdUnderAFilter) {
  Ids closes;
  for (int i = 0; i < 7; ++i) {
    closes.push_back(store_->audit().append(audit(kT0 + i, agent_, "chat.close")));
    store_->audit().append(audit(kT0 + i, agent_, "chat.open"));
  }
  Ids seen;
  AuditQuery q{.action = "chat.close", .limit = 3};
  for (int page = 0; page < 10; ++page) {
    const auto entries = store_->audit().query(q);
    if (entries.empty()) break;
    EXPECT_LE(entries.size(), 3u);
    for (const auto& e : entries) seen.push_back(e.id);
    q.before_id = entries.back().id;
  }
  EXPECT_EQ(seen, Ids(closes.rbegin(), closes.rend()));
  EXPECT_EQ(ids_of(store_->audit().query({.before_id = closes[2], .action = "chat.close"})),
            (Ids{closes[1], closes[0]}));
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(AuditQueryTest);

}  // namespace
}  // namespace livedesk::store
