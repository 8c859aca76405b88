#include "bus/sequence_tracker.hpp"

#include <gtest/gtest.h>

#include "bus/backoff.hpp"

namespace livedesk::bus {
namespace {

using namespace std::chrono_literals;

TEST(SequenceTracker, FollowsEachOriginApart) {
  SequenceTracker tracker;
  EXPECT_TRUE(tracker.continues("a", 5));  // first heard: the baseline
  EXPECT_TRUE(tracker.continues("a", 6));
  EXPECT_TRUE(tracker.continues("b", 1));
  EXPECT_TRUE(tracker.continues("a", 7));
  EXPECT_TRUE(tracker.continues("b", 2));
}

TEST(SequenceTracker, AJumpIsAGapAndTheNewNumberTheNextBaseline) {
  SequenceTracker tracker;
  EXPECT_TRUE(tracker.continues("a", 1));
  EXPECT_FALSE(tracker.continues("a", 4));
  EXPECT_TRUE(tracker.continues("a", 5));
}

TEST(SequenceTracker, ARestartFromOneIsNoGapButFromLaterIs) {
  SequenceTracker tracker;
  EXPECT_TRUE(tracker.continues("a", 10));
  EXPECT_TRUE(tracker.continues("a", 1));
  EXPECT_TRUE(tracker.continues("a", 2));
  EXPECT_FALSE(tracker.continues("a", 2));  // a repeat, or a restart whose first events we missed
  EXPECT_FALSE(tracker.continues("a", 1000));
}

TEST(Backoff, DoublesUpToTheMaximumAndResets) {
  Backoff backoff(100ms, 500ms);
  EXPECT_EQ(backoff.next(), 100ms);
  EXPECT_EQ(backoff.next(), 200ms);
  EXPECT_EQ(backoff.next(), 400ms);
  EXPECT_EQ(backoff.next(), 500ms);
  EXPECT_EQ(backoff.next(), 500ms);
  backoff.reset();
  EXPECT_EQ(backoff.next(), 100ms);
}

}  // namespace
}  // namespace livedesk::bus
