// Customers, sessions, ratings, blocks and presence, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::ChatStoreTest;
using test_support::kT0;

TEST_P(ChatStoreTest, UpsertCustomerTwiceKeepsOneRowAndUpdatesName) {
  const Customer first = store_->upsert_customer("Dan", "dan@example.com", kT0 + 5);
  const Customer second = store_->upsert_customer("Daniel", "dan@example.com", kT0 + 9);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.name, "Daniel");
  EXPECT_EQ(second.email, "dan@example.com");
  EXPECT_EQ(second.created_ms, kT0 + 5);  // the first sighting stays

  const auto found = store_->find_customer(first.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Daniel");
  EXPECT_FALSE(store_->find_customer(first.id + 100).has_value());
  EXPECT_EQ(db_->number("SELECT count(*) FROM customers WHERE email = 'dan@example.com'"), 1);
  // The schema refuses an email the caller forgot to lowercase.
  EXPECT_THROW(store_->upsert_customer("Eve", "Eve@Example.com", kT0), StoreError);
}

TEST_P(ChatStoreTest, SessionInsertUpdateFindRoundTripsEveryField) {
  const auto id = store_->insert_session(waiting(kT0 + 10));
  auto found = store_->find_session(id);
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
  store_->update_session(session);
  found = store_->find_session(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->agent_id, agent_);
  EXPECT_EQ(found->status, "closed");
  EXPECT_EQ(found->priority, 7);
  EXPECT_EQ(found->assigned_ms, kT0 + 11);
  EXPECT_EQ(found->first_response_ms, kT0 + 12);
  EXPECT_EQ(found->closed_ms, kT0 + 13);
  EXPECT_EQ(found->close_reason, "missed");
  EXPECT_EQ(found->next_seq, 42);

  const auto full = store_->insert_session(session);  // every optional set at insert too
  EXPECT_NE(full, id);
  EXPECT_EQ(store_->find_session(full)->close_reason, "missed");
  EXPECT_EQ(store_->find_session(full)->first_response_ms, kT0 + 12);

  EXPECT_FALSE(store_->find_session(full + 100).has_value());
  session.id = full + 100;
  EXPECT_THROW(store_->update_session(session), StoreError);
  session.id = id;
  session.status = "active";  // closed_ms is still set: breaks a CHECK
  EXPECT_THROW(store_->update_session(session), StoreError);
}

TEST_P(ChatStoreTest, ListsSessionsByStatusOrderedByCreatedThenId) {
  const auto late = store_->insert_session(waiting(kT0 + 30));
  const auto early = store_->insert_session(waiting(kT0 + 10));
  const auto tie_a = store_->insert_session(waiting(kT0 + 20));
  const auto tie_b = store_->insert_session(waiting(kT0 + 20));
  store_->insert_session(closed(kT0 + 5, kT0 + 6, agent_));

  const auto sessions = store_->list_sessions_by_status("waiting");
  ASSERT_EQ(sessions.size(), 4u);
  EXPECT_EQ(sessions[0].id, early);
  EXPECT_EQ(sessions[1].id, tie_a);
  EXPECT_EQ(sessions[2].id, tie_b);
  EXPECT_EQ(sessions[3].id, late);
  EXPECT_EQ(store_->list_sessions_by_status("closed").size(), 1u);
  EXPECT_TRUE(store_->list_sessions_by_status("active").empty());
}

TEST_P(ChatStoreTest, RatingIsAcceptedOnceAndMustBeInRange) {
  const auto session = store_->insert_session(closed(kT0, kT0 + 50, agent_));
  EXPECT_FALSE(store_->find_rating(session).has_value());
  store_->insert_rating(CsatRating{.session_id = session, .rating = 4, .comment = "nice", .created_ms = kT0 + 60});
  const auto found = store_->find_rating(session);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->session_id, session);
  EXPECT_EQ(found->rating, 4);
  EXPECT_EQ(found->comment, "nice");
  EXPECT_EQ(found->created_ms, kT0 + 60);
  EXPECT_THROW(store_->insert_rating(CsatRating{.session_id = session, .rating = 5, .created_ms = kT0}),
               DuplicateError);

  const auto other = store_->insert_session(closed(kT0, kT0 + 50, agent_));
  for (int bad : {0, 6, -1}) {
    try {
      store_->insert_rating(CsatRating{.session_id = other, .rating = bad, .created_ms = kT0});
      FAIL() << "rating " << bad << " accepted";
    } catch (const DuplicateError&) {
      FAIL() << "CHECK violation reported as duplicate";
    } catch (const StoreError&) {
    }
  }
  EXPECT_FALSE(store_->find_rating(other).has_value());
}

TEST_P(ChatStoreTest, LatestClosedSessionOfCustomerNeedsAnAgent) {
  EXPECT_FALSE(store_->latest_closed_session_of_customer(customer_).has_value());
  const auto older = store_->insert_session(closed(kT0, kT0 + 100, agent_));
  const auto newer = store_->insert_session(closed(kT0 + 10, kT0 + 200, agent_));
  store_->insert_session(closed(kT0 + 20, kT0 + 300, std::nullopt));  // missed in the queue: no agent
  store_->insert_session(waiting(kT0 + 400));
  const auto other = store_->upsert_customer("Oscar", "oscar@example.com", kT0).id;
  auto someone_else = closed(kT0, kT0 + 900, agent_);
  someone_else.customer_id = other;
  store_->insert_session(someone_else);

  const auto latest = store_->latest_closed_session_of_customer(customer_);
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->id, newer);
  EXPECT_NE(latest->id, older);
  EXPECT_EQ(latest->agent_id, agent_);
}

TEST_P(ChatStoreTest, EmailIsBlockedOnlyWhileTheBlockIsActive) {
  EXPECT_FALSE(store_->is_email_blocked("spam@example.com"));
  db_->execute(
      "INSERT INTO customer_blocks(email, reason, created_ms) VALUES ('spam@example.com', 'abuse', 1);"
      "INSERT INTO customer_blocks(email, created_ms, lifted_ms) VALUES ('former@example.com', 1, 2);");
  EXPECT_TRUE(store_->is_email_blocked("spam@example.com"));
  EXPECT_FALSE(store_->is_email_blocked("former@example.com"));
  EXPECT_FALSE(store_->is_email_blocked("other@example.com"));
}

TEST_P(ChatStoreTest, UpdatesStaffPresence) {
  store_->update_staff_presence(agent_, "active", kT0 + 77);
  const auto user = store_->find_user(agent_);
  EXPECT_EQ(user->status, "active");
  EXPECT_EQ(user->last_active_ms, kT0 + 77);
  EXPECT_THROW(store_->update_staff_presence(agent_, "asleep", kT0), StoreError);
  EXPECT_THROW(store_->update_staff_presence(agent_ + 100, "idle", kT0), StoreError);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(ChatStoreTest);

}  // namespace
}  // namespace livedesk::store
