// The follower that puts logged events back in order and fills gaps from the log, without sockets.
#include "bus/log_follower.hpp"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace livedesk::bus {
namespace {

Event depth(std::size_t n) { return QueueDepthChanged{n, 0}; }

std::size_t depth_of(const Event& event) { return std::get<QueueDepthChanged>(event).depth; }

// A log of depth events keyed by position, and a record of what was delivered.
struct Harness {
  std::map<std::int64_t, Event> log;
  bool log_down = false;
  int reads = 0;
  std::vector<std::int64_t> positions;
  std::vector<std::size_t> depths;
  LogFollower follower{[this](const Event& event, std::int64_t position) {
                         positions.push_back(position);
                         depths.push_back(depth_of(event));
                       },
                       /*page=*/2};

  Harness() {
    for (std::int64_t p = 1; p <= 10; ++p) log.emplace(p, depth(static_cast<std::size_t>(p * 10)));
  }

  LogFollower::Reader reader() {
    return [this](std::int64_t after, std::size_t limit) -> std::optional<std::vector<LogFollower::Entry>> {
      ++reads;
      if (log_down) return std::nullopt;
      std::vector<LogFollower::Entry> out;
      for (auto it = log.upper_bound(after); it != log.end() && out.size() < limit; ++it)
        out.push_back({it->first, it->second});
      return out;
    };
  }
};

TEST(LogFollower, BeforeFollowingEverythingPassesThrough) {
  Harness h;
  EXPECT_TRUE(h.follower.offer(depth(5), 5));
  EXPECT_TRUE(h.follower.offer(depth(3), 3));
  EXPECT_TRUE(h.follower.offer(depth(7), 0));
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{5, 3, 0}));
  EXPECT_FALSE(h.follower.catch_up());  // nothing to read from
}

TEST(LogFollower, InOrderEventsAreDeliveredWithoutReading) {
  Harness h;
  h.follower.follow(h.reader(), 2);
  EXPECT_TRUE(h.follower.offer(depth(30), 3));
  EXPECT_TRUE(h.follower.offer(depth(1), 0));  // not logged: straight through
  EXPECT_TRUE(h.follower.offer(depth(40), 4));
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{3, 0, 4}));
  EXPECT_EQ(h.reads, 0);
  EXPECT_EQ(h.follower.delivered_up_to(), 4);
}

TEST(LogFollower, AGapIsFilledFromTheLogBeforeTheEventAfterIt) {
  Harness h;
  h.follower.follow(h.reader(), 2);
  EXPECT_TRUE(h.follower.offer(depth(80), 8));
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(h.depths, (std::vector<std::size_t>{30, 40, 50, 60, 70, 80}));
  EXPECT_EQ(h.follower.filled(), 5u);
}

TEST(LogFollower, EventsAlreadyDeliveredAreDroppedOnce) {
  Harness h;
  h.follower.follow(h.reader(), 4);
  EXPECT_TRUE(h.follower.offer(depth(40), 4));
  EXPECT_TRUE(h.follower.offer(depth(60), 6));  // fills 5
  EXPECT_TRUE(h.follower.offer(depth(50), 5));  // arrives late over Redis
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{5, 6}));
  EXPECT_EQ(h.follower.duplicates(), 2u);
}

TEST(LogFollower, CatchUpDeliversTheRestOfTheLogInPages) {
  Harness h;
  h.follower.follow(h.reader(), 5);
  EXPECT_TRUE(h.follower.catch_up());
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{6, 7, 8, 9, 10}));
  EXPECT_EQ(h.reads, 4);  // pages of two, then the empty one
  EXPECT_TRUE(h.follower.offer(depth(100), 10));  // its live copy: a duplicate
  EXPECT_EQ(h.positions.size(), 5u);
}

TEST(LogFollower, ALogThatCannotAnswerIsReportedAndTheEventStillDelivered) {
  Harness h;
  h.follower.follow(h.reader(), 2);
  h.log_down = true;
  EXPECT_FALSE(h.follower.offer(depth(60), 6));
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{6}));
  EXPECT_FALSE(h.follower.catch_up());
  h.log_down = false;
  EXPECT_TRUE(h.follower.offer(depth(70), 7));  // it goes on from there
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{6, 7}));
}

TEST(LogFollower, APrunedHoleIsReportedAndWhatRemainsDelivered) {
  Harness h;
  h.log.erase(4);
  h.log.erase(5);
  h.follower.follow(h.reader(), 2);
  EXPECT_FALSE(h.follower.offer(depth(70), 7));
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{3, 6, 7}));
  h.follower.follow(h.reader(), 7);
  h.log.erase(9);
  EXPECT_FALSE(h.follower.catch_up());
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{3, 6, 7, 8, 10}));
}

TEST(LogFollower, AnEntryThisBuildCannotDecodeIsSkippedNotRefetched) {
  Harness h;
  h.follower.follow(
      [&](std::int64_t after, std::size_t) -> std::optional<std::vector<LogFollower::Entry>> {
        ++h.reads;
        if (after >= 4) return std::vector<LogFollower::Entry>{};
        return std::vector<LogFollower::Entry>{{3, std::nullopt}, {4, depth(40)}};
      },
      2);
  EXPECT_TRUE(h.follower.offer(depth(50), 5));
  EXPECT_EQ(h.positions, (std::vector<std::int64_t>{4, 5}));
  EXPECT_EQ(h.reads, 1);
}

}  // namespace
}  // namespace livedesk::bus
