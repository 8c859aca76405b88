// Chat sessions and the queue's reads, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;
using test_support::Ids;
using test_support::ids_of;

// The chat fixture: one agent, one customer.
class SessionStoreTest : public test_support::ChatStoreTest {};

TEST_P(SessionStoreTest, SessionInsertUpdateFindRoundTripsEveryField) {
  const auto id = store_->sessions().insert(waiting(kT0 + 10));
  auto found = store_->sessions().find(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->customer_id, customer_);
  EXPECT_EQ(found->status, "waiting");
  EXPECT_EQ(found->subject, "help");
  EXPECT_EQ(found->created_ms, kT0 + 10);
  EXPECT_FALSE(found->agent_id || found->assigned_ms || found->first_response_ms || found->closed_ms ||
               found->close_reason);
  EXPECT_EQ(found->next_seq, 1);

  ChatSession session = *found;
  session.agent_id = agent_;
  session.status = "closed";
  session.priority = 7;
  session.assigned_ms = kT0 + 11;
  session.first_response_ms = kT0 + 12;
  session.closed_ms = kT0 + 13;
  session.close_reason = "missed";
  session.next_seq = 42;
  store_->sessions().update(session);
  found = store_->sessions().find(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->agent_id, agent_);
  EXPECT_EQ(found->status, "closed");
  EXPECT_EQ(found->priority, 7);
  EXPECT_EQ(found->assigned_ms, kT0 + 11);
  EXPECT_EQ(found->first_response_ms, kT0 + 12);
  EXPECT_EQ(found->closed_ms, kT0 + 13);
  EXPECT_EQ(found->close_reason, "missed");
  EXPECT_EQ(found->next_seq, 42);

  const auto full = store_->sessions().insert(session);  // every optional set at insert too
  EXPECT_NE(full, id);
  EXPECT_EQ(store_->sessions().find(full)->close_reason, "missed");
  EXPECT_EQ(store_->sessions().find(full)->first_response_ms, kT0 + 12);

  EXPECT_FALSE(store_->sessions().find(full + 100).has_value());
  session.id = full + 100;
  EXPECT_THROW(store_->sessions().update(session), StoreError);
  session.id = id;
  session.status = "active";  // closed_ms is still set: breaks a CHECK
  EXPECT_THROW(store_->sessions().update(session), StoreError);
}

TEST_P(SessionStoreTest, ListsSessionsByStatusOrderedByCreatedThenId) {
  const auto late = store_->sessions().insert(waiting(kT0 + 30));
  const auto early = store_->sessions().insert(waiting(kT0 + 10));
  const auto tie_a = store_->sessions().insert(waiting(kT0 + 20));
  const auto tie_b = store_->sessions().insert(waiting(kT0 + 20));
  store_->sessions().insert(closed(kT0 + 5, kT0 + 6, agent_));

  const auto sessions = store_->sessions().list_by_status("waiting");
  ASSERT_EQ(sessions.size(), 4u);
  EXPECT_EQ(sessions[0].id, early);
  EXPECT_EQ(sessions[1].id, tie_a);
  EXPECT_EQ(sessions[2].id, tie_b);
  EXPECT_EQ(sessions[3].id, late);
  EXPECT_EQ(store_->sessions().list_by_status("closed").size(), 1u);
  EXPECT_TRUE(store_->sessions().list_by_status("active").empty());
}

TEST_P(SessionStoreTest, LatestClosedSessionOfCustomerNeedsAnAgent) {
  EXPECT_FALSE(store_->sessions().latest_closed_of_customer(customer_).has_value());
  const auto older = store_->sessions().insert(closed(kT0, kT0 + 100, agent_));
  const auto newer = store_->sessions().insert(closed(kT0 + 10, kT0 + 200, agent_));
  store_->sessions().insert(closed(kT0 + 20, kT0 + 300, std::nullopt));  // missed in the queue: no agent
  store_->sessions().insert(waiting(kT0 + 400));
  const auto other = store_->contacts().upsert("Oscar", "oscar@example.com", kT0).id;
  auto someone_else = closed(kT0, kT0 + 900, agent_);
  someone_else.customer_id = other;
  store_->sessions().insert(someone_else);

  const auto latest = store_->sessions().latest_closed_of_customer(customer_);
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->id, newer);
  EXPECT_NE(latest->id, older);
  EXPECT_EQ(latest->agent_id, agent_);
}

TEST_P(SessionStoreTest, OpenSessionsOfCustomerAreWaitingOrActiveOldestFirst) {
  const auto other_customer = store_->contacts().upsert("Dan", "dan@example.com", kT0).id;
  store_->sessions().insert(waiting(kT0 + 1, other_customer));
  store_->sessions().insert(closed(kT0 + 2, kT0 + 3, agent_));
  ChatSession active = waiting(kT0 + 4);
  active.status = "active";
  active.agent_id = agent_;
  active.assigned_ms = kT0 + 5;
  const auto active_id = store_->sessions().insert(active);
  const auto waiting_id = store_->sessions().insert(waiting(kT0 + 6));

  const auto open = store_->sessions().open_of_customer(customer_);
  ASSERT_EQ(ids_of(open), (Ids{active_id, waiting_id}));
  EXPECT_EQ(open[0].status, "active");
  EXPECT_EQ(open[0].agent_id, agent_);
  EXPECT_EQ(open[1].status, "waiting");
  EXPECT_EQ(open[1].subject, "help");
  EXPECT_TRUE(store_->sessions().open_of_customer(customer_ + 100).empty());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(SessionStoreTest);

}  // namespace
}  // namespace livedesk::store
