// The event log, in every store: gap-free positions in commit order, rollback, pruning.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;

class EventStoreTest : public test_support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (db_) store_ = open();
  }

  static EventRecord event(const std::string& id, std::int64_t created_ms) {
    return EventRecord{0, id, "message.created", created_ms, R"({"type":"message_created","data":{}})"};
  }

  static std::vector<std::int64_t> positions(const std::vector<EventRecord>& records) {
    std::vector<std::int64_t> out;
    for (const auto& r : records) out.push_back(r.position);
    return out;
  }

  std::unique_ptr<Store> store_;
};

TEST_P(EventStoreTest, AnEmptyLogStartsAtOne) {
  EXPECT_EQ(store_->events().last_position(), 0);
  EXPECT_EQ(store_->events().first_position(), 1);
  EXPECT_TRUE(store_->events().read_after(0, 10).empty());
}

TEST_P(EventStoreTest, AppendsGetConsecutivePositionsAndReadBackWhole) {
  EXPECT_EQ(store_->events().append(event("a", kT0)), 1);
  EXPECT_EQ(store_->events().append(event("b", kT0 + 1)), 2);
  EXPECT_EQ(store_->events().append(event("c", kT0 + 2)), 3);
  EXPECT_EQ(store_->events().last_position(), 3);

  const auto all = store_->events().read_after(0, 10);
  ASSERT_EQ(positions(all), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(all[1].event_id, "b");
  EXPECT_EQ(all[1].type, "message.created");
  EXPECT_EQ(all[1].created_ms, kT0 + 1);
  EXPECT_EQ(all[1].payload, R"({"type":"message_created","data":{}})");
  EXPECT_EQ(positions(store_->events().read_after(1, 1)), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(store_->events().read_after(3, 10).empty());
}

TEST_P(EventStoreTest, ARolledBackAppendLeavesNoHole) {
  store_->run_in_transaction([&](Store& s) {
    s.events().append(event("kept", kT0));
    try {
      s.run_in_transaction([&](Store& inner) {
        inner.events().append(event("undone", kT0));
        throw StoreError("the job failed");
      });
    } catch (const StoreError&) {
    }
    s.events().append(event("next", kT0));
  });
  EXPECT_THROW(store_->run_in_transaction([&](Store& s) {
    s.events().append(event("whole batch undone", kT0));
    throw StoreError("the commit failed");
  }),
               StoreError);
  store_->events().append(event("after", kT0));

  const auto all = store_->events().read_after(0, 10);
  ASSERT_EQ(positions(all), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(all[1].event_id, "next");
  EXPECT_EQ(all[2].event_id, "after");
}

TEST_P(EventStoreTest, PruningRemovesAnOldPrefixAndNeverReusesPositions) {
  for (int i = 0; i < 5; ++i) store_->events().append(event("e" + std::to_string(i), kT0 + i * 10));
  EXPECT_EQ(store_->events().prune_before(kT0 + 25, 2), 2u);  // the limit holds
  EXPECT_EQ(store_->events().first_position(), 3);
  EXPECT_EQ(store_->events().prune_before(kT0 + 25, 100), 1u);  // e2 (kT0 + 20) goes, e3 stays
  EXPECT_EQ(store_->events().prune_before(kT0 + 25, 100), 0u);
  EXPECT_EQ(positions(store_->events().read_after(0, 10)), (std::vector<std::int64_t>{4, 5}));

  EXPECT_EQ(store_->events().prune_before(kT0 + 1000, 100), 2u);
  EXPECT_EQ(store_->events().last_position(), 5);
  EXPECT_EQ(store_->events().first_position(), 6);
  EXPECT_EQ(store_->events().append(event("later", kT0 + 2000)), 6);
}

TEST_P(EventStoreTest, PruningStopsAtTheFirstEntryStillKept) {
  store_->events().append(event("old", kT0));
  store_->events().append(event("new", kT0 + 100));
  store_->events().append(event("old again", kT0 + 1));  // a clock that stepped back
  EXPECT_EQ(store_->events().prune_before(kT0 + 50, 100), 1u);
  EXPECT_EQ(positions(store_->events().read_after(0, 10)), (std::vector<std::int64_t>{2, 3}));
}

TEST_P(EventStoreTest, TwoConnectionsTakePositionsInCommitOrder) {
  auto other = open();
  store_->events().append(event("first", kT0));
  other->events().append(event("second", kT0));
  store_->events().append(event("third", kT0));
  const auto all = other->events().read_after(0, 10);
  ASSERT_EQ(positions(all), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(all[1].event_id, "second");
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(EventStoreTest);

}  // namespace
}  // namespace livedesk::store
