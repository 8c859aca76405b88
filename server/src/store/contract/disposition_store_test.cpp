// Dispositions, the one of each conversation and the "required" setting, in every store.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::ids_of;
using test_support::kT0;
using test_support::Ids;

class DispositionStoreTest : public test_support::AgentToolsTest {
 protected:
  static Disposition disposition(std::string name) {
    Disposition d;
    d.name = std::move(name);
    d.created_ms = kT0;
    return d;
  }
};

TEST_P(DispositionStoreTest, DispositionsRoundTripAndNamesAreUniqueIgnoringCase) {
  const auto solved = store_->dispositions().insert(disposition("Solved"));
  const auto spam = store_->dispositions().insert(disposition("spam"));
  EXPECT_THROW(store_->dispositions().insert(disposition("SOLVED")), DuplicateError);

  auto found = store_->dispositions().find(solved);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Solved");
  EXPECT_EQ(found->created_ms, kT0);
  EXPECT_FALSE(found->archived_ms.has_value());
  EXPECT_FALSE(store_->dispositions().find(spam + 100).has_value());

  found->name = "Spam";
  EXPECT_THROW(store_->dispositions().update(*found), DuplicateError);
  found->name = "Fixed";
  found->archived_ms = kT0 + 3;
  store_->dispositions().update(*found);
  EXPECT_EQ(store_->dispositions().find(solved)->name, "Fixed");
  EXPECT_EQ(ids_of(store_->dispositions().all(false)), (Ids{spam}));
  EXPECT_EQ(ids_of(store_->dispositions().all(true)), (Ids{solved, spam}));
}

TEST_P(DispositionStoreTest, TheSessionsDispositionIsSetAndCleared) {
  const auto solved = store_->dispositions().insert(disposition("Solved"));
  EXPECT_FALSE(store_->dispositions().of_session(session_).has_value());
  store_->dispositions().set_of_session(session_, solved);
  EXPECT_EQ(store_->dispositions().of_session(session_), solved);
  store_->dispositions().set_of_session(session_, std::nullopt);
  EXPECT_FALSE(store_->dispositions().of_session(session_).has_value());
  EXPECT_THROW(store_->dispositions().set_of_session(session_ + 100, solved), StoreError);
}

TEST_P(DispositionStoreTest, RequiredIsFalseUntilSet) {
  EXPECT_FALSE(store_->dispositions().required());
  store_->dispositions().set_required(true);
  EXPECT_TRUE(store_->dispositions().required());
  store_->dispositions().set_required(false);
  EXPECT_FALSE(store_->dispositions().required());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(DispositionStoreTest);

}  // namespace
}  // namespace livedesk::store
