// Ratings, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;

// The chat fixture: one agent, one customer.
class RatingStoreTest : public test_support::ChatStoreTest {};

TEST_P(RatingStoreTest, RatingIsAcceptedOnceAndMustBeInRange) {
  const auto session = store_->sessions().insert(closed(kT0, kT0 + 50, agent_));
  EXPECT_FALSE(store_->ratings().find(session).has_value());
  store_->ratings().insert(CsatRating{.session_id = session, .rating = 4, .comment = "nice", .created_ms = kT0 + 60});
  const auto found = store_->ratings().find(session);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->session_id, session);
  EXPECT_EQ(found->rating, 4);
  EXPECT_EQ(found->comment, "nice");
  EXPECT_EQ(found->created_ms, kT0 + 60);
  EXPECT_THROW(store_->ratings().insert(CsatRating{.session_id = session, .rating = 5, .created_ms = kT0}),
               DuplicateError);

  const auto other = store_->sessions().insert(closed(kT0, kT0 + 50, agent_));
  for (int bad : {0, 6, -1}) {
    try {
      store_->ratings().insert(CsatRating{.session_id = other, .rating = bad, .created_ms = kT0});
      FAIL() << "rating " << bad << " accepted";
    } catch (const DuplicateError&) {
      FAIL() << "CHECK violation reported as duplicate";
    } catch (const StoreError&) {
    }
  }
  EXPECT_FALSE(store_->ratings().find(other).has_value());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(RatingStoreTest);

}  // namespace
}  // namespace livedesk::store
