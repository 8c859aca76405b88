// Transfers, in every store.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;
using test_support::ids_of;

// Two agents and a waiting session.
class TransferStoreTest : public test_support::AgentToolsTest {};

TEST_P(TransferStoreTest, TransferRoundTripsEveryField) {
  const auto to_agent = store_->transfers().insert(transfer(session_, kT0 + 1, agent2_));
  const auto found = store_->transfers().find(to_agent);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, to_agent);
  EXPECT_EQ(found->session_id, session_);
  EXPECT_EQ(found->from_agent_id, agent_);
  EXPECT_EQ(found->to_agent_id, agent2_);
  EXPECT_EQ(found->reason, "needs billing");
  EXPECT_EQ(found->status, "pending");
  EXPECT_EQ(found->created_ms, kT0 + 1);
  EXPECT_FALSE(found->resolved_ms.has_value());
  EXPECT_FALSE(store_->transfers().find(to_agent + 100).has_value());

  const auto other = store_->sessions().insert(waiting(kT0 + 2));
  const auto to_queue = store_->transfers().insert(transfer(other, kT0 + 3, std::nullopt));
  EXPECT_FALSE(store_->transfers().find(to_queue)->to_agent_id.has_value());
}

TEST_P(TransferStoreTest, OnlyOnePendingTransferPerSessionUntilResolved) {
  const auto first = store_->transfers().insert(transfer(session_, kT0 + 1, agent2_));
  EXPECT_THROW(store_->transfers().insert(transfer(session_, kT0 + 2, std::nullopt)), DuplicateError);

  store_->transfers().resolve(first, "declined", kT0 + 5);
  const auto resolved = store_->transfers().find(first);
  EXPECT_EQ(resolved->status, "declined");
  EXPECT_EQ(resolved->resolved_ms, kT0 + 5);

  // Resolving frees the session for a new request.
  const auto second = store_->transfers().insert(transfer(session_, kT0 + 6, std::nullopt));
  EXPECT_EQ(ids_of(store_->transfers().of_session(session_)), (std::vector{first, second}));
  EXPECT_EQ(ids_of(store_->transfers().pending()), (std::vector{second}));
}

TEST_P(TransferStoreTest, ResolveNeedsAPendingTransferAndAFinalStatus) {
  const auto id = store_->transfers().insert(transfer(session_, kT0 + 1, agent2_));
  EXPECT_THROW(store_->transfers().resolve(id + 100, "accepted", kT0 + 2), StoreError);
  EXPECT_THROW(store_->transfers().resolve(id, "pending", kT0 + 2), StoreError);
  EXPECT_THROW(store_->transfers().resolve(id, "lost", kT0 + 2), StoreError);  // the CHECK
  EXPECT_EQ(store_->transfers().find(id)->status, "pending");

  store_->transfers().resolve(id, "accepted", kT0 + 3);
  EXPECT_THROW(store_->transfers().resolve(id, "cancelled", kT0 + 4), StoreError);  // no longer pending
  const auto found = store_->transfers().find(id);
  EXPECT_EQ(found->status, "accepted");
  EXPECT_EQ(found->resolved_ms, kT0 + 3);
}

TEST_P(TransferStoreTest, PendingTransfersAreOldestFirstAcrossSessions) {
  const auto s2 = store_->sessions().insert(waiting(kT0 + 1));
  const auto s3 = store_->sessions().insert(waiting(kT0 + 2));
  const auto newest = store_->transfers().insert(transfer(session_, kT0 + 30, agent2_));
  const auto oldest = store_->transfers().insert(transfer(s2, kT0 + 10, std::nullopt));
  const auto middle = store_->transfers().insert(transfer(s3, kT0 + 20, agent2_));
  EXPECT_EQ(ids_of(store_->transfers().pending()), (std::vector{oldest, middle, newest}));
  store_->transfers().resolve(middle, "expired", kT0 + 40);
  EXPECT_EQ(ids_of(store_->transfers().pending()), (std::vector{oldest, newest}));
  EXPECT_EQ(ids_of(store_->transfers().of_session(s3)), (std::vector{middle}));
  EXPECT_TRUE(store_->transfers().of_session(s3 + 100).empty());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(TransferStoreTest);

}  // namespace
}  // namespace livedesk::store
