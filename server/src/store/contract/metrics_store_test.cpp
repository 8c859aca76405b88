// The dashboard's aggregate reads, in every store: every member of their rows
// comes back (the rows are mapped by column name, so a misnamed column fails here).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::Ids;
using test_support::ids_of;
using test_support::kT0;

// The chat fixture: one agent, one customer.
class MetricsStoreTest : public test_support::ChatStoreTest {};

TEST_P(MetricsStoreTest, SessionsTouchedSinceAnyOfTheirTimesByIdWithEveryField) {
  const auto old_closed = store_->sessions().insert(closed(kT0, kT0 + 10, agent_));
  const auto closed_late = store_->sessions().insert(closed(kT0, kT0 + 500, agent_));
  const auto created_late = store_->sessions().insert(waiting(kT0 + 600));
  auto answered = closed(kT0, kT0 + 20, agent_);
  answered.closed_ms.reset();
  answered.close_reason.reset();
  answered.status = "active";
  answered.first_response_ms = kT0 + 700;
  const auto answered_late = store_->sessions().insert(answered);

  const auto sessions = store_->metrics().sessions_touched_since(kT0 + 100);
  EXPECT_EQ(ids_of(sessions), (Ids{closed_late, created_late, answered_late}));
  EXPECT_NE(sessions[0].id, old_closed);
  EXPECT_EQ(sessions[0].customer_id, customer_);
  EXPECT_EQ(sessions[0].agent_id, agent_);
  EXPECT_EQ(sessions[0].closed_ms, kT0 + 500);
  EXPECT_EQ(sessions[0].close_reason, "resolved");
  EXPECT_EQ(sessions[2].first_response_ms, kT0 + 700);
  EXPECT_FALSE(sessions[1].agent_id.has_value());
}

TEST_P(MetricsStoreTest, RatingsSinceCarryTheirChatsAgent) {
  const auto with_agent = store_->sessions().insert(closed(kT0, kT0 + 50, agent_));
  const auto without = store_->sessions().insert(closed(kT0, kT0 + 50, std::nullopt));
  store_->ratings().insert(CsatRating{.session_id = with_agent, .rating = 4, .created_ms = kT0 + 60});
  store_->ratings().insert(CsatRating{.session_id = without, .rating = 2, .created_ms = kT0 + 70});

  const auto rows = store_->metrics().ratings_since(kT0 + 60);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].session_id, with_agent);
  EXPECT_EQ(rows[0].rating, 4);
  EXPECT_EQ(rows[0].created_ms, kT0 + 60);
  EXPECT_EQ(rows[0].agent_id, agent_);
  EXPECT_EQ(rows[1].session_id, without);
  EXPECT_FALSE(rows[1].agent_id.has_value());
  EXPECT_TRUE(store_->metrics().ratings_since(kT0 + 71).empty());
}

TEST_P(MetricsStoreTest, MessageCountsPerUtcHourTypeAndStatus) {
  const auto session = store_->sessions().insert(waiting());
  for (int seq = 1; seq <= 3; ++seq) store_->messages().insert(message(session, seq));
  auto image = message(session, 4);
  image.type = "image";
  image.created_ms = kT0 + 3'600'000;
  store_->messages().insert(image);
  store_->messages().advance_status(session, "customer", 1, "read");

  auto counts = store_->metrics().message_counts_since(kT0 + 1);
  std::sort(counts.begin(), counts.end(), [](const MessageCount& a, const MessageCount& b) {
    return std::tie(a.utc_hour, a.type, a.status) < std::tie(b.utc_hour, b.type, b.status);
  });
  const std::int64_t hour = (kT0 + 1) / 3'600'000;
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].utc_hour, hour);
  EXPECT_EQ(counts[0].type, "text");
  EXPECT_EQ(counts[0].status, "read");
  EXPECT_EQ(counts[0].count, 1);
  EXPECT_EQ(counts[1].status, "sent");
  EXPECT_EQ(counts[1].count, 2);
  EXPECT_EQ(counts[2].utc_hour, (kT0 + 3'600'000) / 3'600'000);
  EXPECT_EQ(counts[2].type, "image");
  EXPECT_EQ(counts[2].count, 1);
  EXPECT_EQ(store_->metrics().message_counts_since(kT0 + 2).size(), 2u);  // the first message falls out
}

TEST_P(MetricsStoreTest, StatusesBelowCountWhatAReceiptWouldRaise) {
  const auto session = store_->sessions().insert(waiting());
  for (int seq = 1; seq <= 4; ++seq) store_->messages().insert(message(session, seq));
  store_->messages().insert(message(session, 5, "agent"));
  store_->messages().advance_status(session, "customer", 1, "delivered");
  store_->messages().advance_status(session, "customer", 2, "read");

  auto below = store_->metrics().statuses_below(session, "customer", 4, "read", kT0);
  std::sort(below.begin(), below.end(), [](const StatusCount& a, const StatusCount& b) { return a.status < b.status; });
  ASSERT_EQ(below.size(), 1u);  // seq 1 and 2 are read; 3 and 4 still sent
  EXPECT_EQ(below[0].status, "sent");
  EXPECT_EQ(below[0].count, 2);

  store_->messages().advance_status(session, "customer", 3, "delivered");
  below = store_->metrics().statuses_below(session, "customer", 4, "read", kT0);
  std::sort(below.begin(), below.end(), [](const StatusCount& a, const StatusCount& b) { return a.status < b.status; });
  ASSERT_EQ(below.size(), 2u);
  EXPECT_EQ(below[0].status, "delivered");
  EXPECT_EQ(below[0].count, 1);
  EXPECT_EQ(below[1].status, "sent");
  EXPECT_EQ(below[1].count, 1);
  // Delivered is not below delivered; only messages created since the bound count.
  below = store_->metrics().statuses_below(session, "customer", 4, "delivered", kT0);
  ASSERT_EQ(below.size(), 1u);
  EXPECT_EQ(below[0].status, "sent");
  EXPECT_TRUE(store_->metrics().statuses_below(session, "customer", 4, "read", kT0 + 5).empty());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(MetricsStoreTest);

}  // namespace
}  // namespace livedesk::store
