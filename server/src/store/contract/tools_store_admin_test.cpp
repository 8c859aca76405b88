// Supervisor tools in every store: customer blocks and the lookups around
// them, and the filtered audit query. Migration 2 on an old database is
// backend-specific (sqlite/, postgres/).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::ChatStoreTest;
using test_support::kT0;
using Ids = std::vector<std::int64_t>;

Ids ids_of(const auto& rows) {
  Ids ids;
  for (const auto& row : rows) ids.push_back(row.id);
  return ids;
}

class AdminStoreTest : public ChatStoreTest {
 protected:
  void SetUp() override {
    ChatStoreTest::SetUp();
    if (IsSkipped()) return;
    supervisor_ = store_->create_user(NewStaffUser{.username = "sup", .name = "Sup", .role = domain::Role::supervisor,
                                                   .password_hash = "h", .created_ms = kT0});
  }

  CustomerBlock block(std::string email, std::int64_t created_ms) const {
    CustomerBlock b;
    b.email = std::move(email);
    b.reason = "abuse";
    b.blocked_by = supervisor_;
    b.created_ms = created_ms;
    return b;
  }

  AuditEntry audit(std::int64_t at_ms, std::optional<std::int64_t> actor, std::string action) const {
    AuditEntry entry;
    entry.at_ms = at_ms;
    entry.actor_user_id = actor;
    entry.action = std::move(action);
    entry.target_type = "session";
    entry.target_id = "1";
    return entry;
  }

  std::int64_t supervisor_ = 0;
};

// ---- blocks ----

TEST_P(AdminStoreTest, OneActiveBlockPerEmailLiftThenBlockAgain) {
  CustomerBlock first = block("carla@example.com", kT0 + 1);
  first.customer_id = customer_;
  const auto id = store_->insert_block(first);
  EXPECT_TRUE(store_->is_email_blocked("carla@example.com"));
  EXPECT_THROW(store_->insert_block(block("carla@example.com", kT0 + 2)), DuplicateError);

  const auto lifted = store_->lift_block("carla@example.com", agent_, kT0 + 5);
  ASSERT_TRUE(lifted.has_value());
  EXPECT_EQ(lifted->id, id);
  EXPECT_EQ(lifted->customer_id, customer_);
  EXPECT_EQ(lifted->email, "carla@example.com");
  EXPECT_EQ(lifted->reason, "abuse");
  EXPECT_EQ(lifted->blocked_by, supervisor_);
  EXPECT_EQ(lifted->created_ms, kT0 + 1);
  EXPECT_EQ(lifted->lifted_ms, kT0 + 5);
  EXPECT_EQ(lifted->lifted_by, agent_);
  EXPECT_FALSE(store_->is_email_blocked("carla@example.com"));
  EXPECT_FALSE(store_->lift_block("carla@example.com", agent_, kT0 + 6).has_value());  // none active
  EXPECT_FALSE(store_->lift_block("nobody@example.com", agent_, kT0 + 6).has_value());

  CustomerBlock by_system = block("carla@example.com", kT0 + 7);
  by_system.blocked_by = std::nullopt;
  const auto again = store_->insert_block(by_system);
  EXPECT_NE(again, id);
  EXPECT_TRUE(store_->is_email_blocked("carla@example.com"));
  const auto active = store_->active_blocks();
  ASSERT_EQ(ids_of(active), (Ids{again}));
  EXPECT_FALSE(active[0].blocked_by.has_value());
  EXPECT_FALSE(active[0].customer_id.has_value());
  EXPECT_FALSE(active[0].lifted_ms.has_value());
  EXPECT_THROW(store_->insert_block(block("Upper@Example.com", kT0)), StoreError);  // not lowercased
}

TEST_P(AdminStoreTest, ActiveBlocksAreNewestFirstWithoutLiftedOnes) {
  const auto old_block = store_->insert_block(block("a@example.com", kT0 + 1));
  const auto newest = store_->insert_block(block("b@example.com", kT0 + 30));
  const auto lifted = store_->insert_block(block("c@example.com", kT0 + 20));
  const auto middle = store_->insert_block(block("d@example.com", kT0 + 10));
  store_->lift_block("c@example.com", supervisor_, kT0 + 40);
  EXPECT_EQ(ids_of(store_->active_blocks()), (Ids{newest, middle, old_block}));
  EXPECT_NE(lifted, 0);
}

TEST_P(AdminStoreTest, FindCustomerByEmailIsAnExactMatch) {
  const auto found = store_->find_customer_by_email("carla@example.com");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, customer_);
  EXPECT_EQ(found->name, "Carla");
  EXPECT_EQ(found->email, "carla@example.com");
  EXPECT_EQ(found->created_ms, kT0);
  EXPECT_FALSE(store_->find_customer_by_email("Carla@example.com").has_value());
  EXPECT_FALSE(store_->find_customer_by_email("carla@example").has_value());
}

TEST_P(AdminStoreTest, OpenSessionsOfCustomerAreWaitingOrActiveOldestFirst) {
  const auto other_customer = store_->upsert_customer("Dan", "dan@example.com", kT0).id;
  store_->insert_session(waiting(kT0 + 1, other_customer));
  store_->insert_session(closed(kT0 + 2, kT0 + 3, agent_));
  ChatSession active = waiting(kT0 + 4);
  active.status = "active";
  active.agent_id = agent_;
  active.assigned_ms = kT0 + 5;
  const auto active_id = store_->insert_session(active);
  const auto waiting_id = store_->insert_session(waiting(kT0 + 6));

  const auto open = store_->open_sessions_of_customer(customer_);
  ASSERT_EQ(ids_of(open), (Ids{active_id, waiting_id}));
  EXPECT_EQ(open[0].status, "active");
  EXPECT_EQ(open[0].agent_id, agent_);
  EXPECT_EQ(open[1].status, "waiting");
  EXPECT_EQ(open[1].subject, "help");
  EXPECT_TRUE(store_->open_sessions_of_customer(customer_ + 100).empty());
}

// ---- audit ----

TEST_P(AdminStoreTest, QueryAuditFiltersAreAndedNewestFirst) {
  const auto a1 = store_->append_audit(audit(kT0 + 10, agent_, "chat.close"));
  const auto a2 = store_->append_audit(audit(kT0 + 20, supervisor_, "customer.block"));
  const auto a3 = store_->append_audit(audit(kT0 + 30, agent_, "chat.transfer"));
  const auto a4 = store_->append_audit(audit(kT0 + 40, std::nullopt, "chat.close"));
  const auto a5 = store_->append_audit(audit(kT0 + 50, agent_, "chat.close"));

  auto query = [&](AuditQuery q) { return ids_of(store_->query_audit(q)); };
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

  const auto entries = store_->query_audit({.action = "customer.block"});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at_ms, kT0 + 20);
  EXPECT_EQ(entries[0].actor_user_id, supervisor_);
  EXPECT_EQ(entries[0].target_type, "session");
  EXPECT_EQ(entries[0].target_id, "1");
  EXPECT_EQ(entries[0].detail_json, "{}");
}

TEST_P(AdminStoreTest, QueryAuditPagesWithBeforeIdUnderAFilter) {
  Ids closes;
  for (int i = 0; i < 7; ++i) {
    closes.push_back(store_->append_audit(audit(kT0 + i, agent_, "chat.close")));
    store_->append_audit(audit(kT0 + i, agent_, "chat.open"));
  }
  Ids seen;
  AuditQuery q{.action = "chat.close", .limit = 3};
  for (int page = 0; page < 10; ++page) {
    const auto entries = store_->query_audit(q);
    if (entries.empty()) break;
    EXPECT_LE(entries.size(), 3u);
    for (const auto& e : entries) seen.push_back(e.id);
    q.before_id = entries.back().id;
  }
  EXPECT_EQ(seen, Ids(closes.rbegin(), closes.rend()));
  EXPECT_EQ(ids_of(store_->query_audit({.before_id = closes[2], .action = "chat.close"})), (Ids{closes[1], closes[0]}));
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(AdminStoreTest);

}  // namespace
}  // namespace livedesk::store
