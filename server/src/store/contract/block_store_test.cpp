// Customer blocks, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;
using test_support::Ids;
using test_support::ids_of;

// A supervisor who blocks.
class BlockStoreTest : public test_support::SupervisorToolsTest {};

TEST_P(BlockStoreTest, EmailIsBlockedOnlyWhileTheBlockIsActive) {
  EXPECT_FALSE(store_->blocks().is_blocked("spam@example.com"));
  db_->execute(
      "INSERT INTO customer_blocks(email, reason, created_ms) VALUES ('spam@example.com', 'abuse', 1);"
      "INSERT INTO customer_blocks(email, created_ms, lifted_ms) VALUES ('former@example.com', 1, 2);");
  EXPECT_TRUE(store_->blocks().is_blocked("spam@example.com"));
  EXPECT_FALSE(store_->blocks().is_blocked("former@example.com"));
  EXPECT_FALSE(store_->blocks().is_blocked("other@example.com"));
}

TEST_P(BlockStoreTest, OneActiveBlockPerEmailLiftThenBlockAgain) {
  CustomerBlock first = block("carla@example.com", kT0 + 1);
  first.customer_id = customer_;
  const auto id = store_->blocks().insert(first);
  EXPECT_TRUE(store_->blocks().is_blocked("carla@example.com"));
  EXPECT_THROW(store_->blocks().insert(block("carla@example.com", kT0 + 2)), DuplicateError);

  const auto lifted = store_->blocks().lift("carla@example.com", agent_, kT0 + 5);
  ASSERT_TRUE(lifted.has_value());
  EXPECT_EQ(lifted->id, id);
  EXPECT_EQ(lifted->customer_id, customer_);
  EXPECT_EQ(lifted->email, "carla@example.com");
  EXPECT_EQ(lifted->reason, "abuse");
  EXPECT_EQ(lifted->blocked_by, supervisor_);
  EXPECT_EQ(lifted->created_ms, kT0 + 1);
  EXPECT_EQ(lifted->lifted_ms, kT0 + 5);
  EXPECT_EQ(lifted->lifted_by, agent_);
  EXPECT_FALSE(store_->blocks().is_blocked("carla@example.com"));
  EXPECT_FALSE(store_->blocks().lift("carla@example.com", agent_, kT0 + 6).has_value());  // none active
  EXPECT_FALSE(store_->blocks().lift("nobody@example.com", agent_, kT0 + 6).has_value());

  CustomerBlock by_system = block("carla@example.com", kT0 + 7);
  by_system.blocked_by = std::nullopt;
  const auto again = store_->blocks().insert(by_system);
  EXPECT_NE(again, id);
  EXPECT_TRUE(store_->blocks().is_blocked("carla@example.com"));
  const auto active = store_->blocks().active();
  ASSERT_EQ(ids_of(active), (Ids{again}));
  EXPECT_FALSE(active[0].blocked_by.has_value());
  EXPECT_FALSE(active[0].customer_id.has_value());
  EXPECT_FALSE(active[0].lifted_ms.has_value());
  EXPECT_THROW(store_->blocks().insert(block("Upper@Example.com", kT0)), StoreError);  // not lowercased
}

TEST_P(BlockStoreTest, ActiveBlocksAreNewestFirstWithoutLiftedOnes) {
  const auto old_block = store_->blocks().insert(block("a@example.com", kT0 + 1));
  const auto newest = store_->blocks().insert(block("b@example.com", kT0 + 30));
  const auto lifted = store_->blocks().insert(block("c@example.com", kT0 + 20));
  const auto middle = store_->blocks().insert(block("d@example.com", kT0 + 10));
  store_->blocks().lift("c@example.com", supervisor_, kT0 + 40);
  EXPECT_EQ(ids_of(store_->blocks().active()), (Ids{newest, middle, old_block}));
  EXPECT_NE(lifted, 0);
}

TEST_P(BlockStoreTest, ACustomersBlocksAreNewestFirstLiftedOnesToo) {
  CustomerBlock first = block("carla@example.com", kT0 + 1);
  first.customer_id = customer_;
  const auto lifted = store_->blocks().insert(first);
  store_->blocks().lift("carla@example.com", supervisor_, kT0 + 2);
  CustomerBlock again = block("carla@example.com", kT0 + 3);
  again.customer_id = customer_;
  const auto active = store_->blocks().insert(again);
  store_->blocks().insert(block("someone@example.com", kT0 + 4));  // no customer: nobody's
  const auto blocks = store_->blocks().of_customer(customer_);
  EXPECT_EQ(ids_of(blocks), (Ids{active, lifted}));
  EXPECT_EQ(blocks[1].lifted_ms, kT0 + 2);
  EXPECT_EQ(blocks[1].lifted_by, supervisor_);
  EXPECT_FALSE(blocks[0].lifted_ms.has_value());
  EXPECT_TRUE(store_->blocks().of_customer(customer_ + 1000).empty());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(BlockStoreTest);

}  // namespace
}  // namespace livedesk::store
