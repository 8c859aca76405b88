#include "service/event_watermark.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "service/event_feed.hpp"

namespace livedesk::service {
namespace {

TEST(EventWatermark, WakesOnlyTheWaitersItPasses) {
  EventWatermark watermark;
  std::vector<int> woken;
  watermark.wait_beyond(5, [&](bool advanced) { woken.push_back(advanced ? 5 : -5); });
  watermark.wait_beyond(7, [&](bool advanced) { woken.push_back(advanced ? 7 : -7); });
  watermark.advance(6);
  EXPECT_EQ(woken, (std::vector<int>{5}));
  watermark.advance(6);  // not beyond: nothing
  watermark.advance(3);  // lower: ignored
  EXPECT_EQ(watermark.position(), 6);
  watermark.advance(8);
  EXPECT_EQ(woken, (std::vector<int>{5, 7}));
  EXPECT_EQ(watermark.waiting(), 0u);
}

TEST(EventWatermark, AWaitBehindThePositionWakesAtOnce) {
  EventWatermark watermark;
  watermark.advance(10);
  bool woken = false;
  watermark.wait_beyond(9, [&](bool advanced) { woken = advanced; });
  EXPECT_TRUE(woken);
  EXPECT_EQ(watermark.waiting(), 0u);
}

TEST(EventWatermark, DeadlinesExpireAndCancelledWaitersStaySilent) {
  EventWatermark watermark;
  const auto now = EventWatermark::Clock::now();
  std::vector<std::string> calls;
  watermark.wait_beyond(
      0, [&](bool advanced) { calls.push_back(advanced ? "early advanced" : "early expired"); },
      now + std::chrono::seconds(1));
  watermark.wait_beyond(
      0, [&](bool advanced) { calls.push_back(advanced ? "late advanced" : "late expired"); },
      now + std::chrono::seconds(10));
  const auto cancelled = watermark.wait_beyond(0, [&](bool) { calls.push_back("cancelled"); });
  EXPECT_TRUE(watermark.cancel(cancelled));
  EXPECT_FALSE(watermark.cancel(cancelled));
  watermark.expire(now + std::chrono::seconds(2));
  EXPECT_EQ(calls, (std::vector<std::string>{"early expired"}));
  watermark.advance(1);
  EXPECT_EQ(calls, (std::vector<std::string>{"early expired", "late advanced"}));
  watermark.expire(now + std::chrono::seconds(20));  // already woken: not again
  EXPECT_EQ(calls.size(), 2u);
}

TEST(EventTypeFilter, NamesAndPrefixes) {
  const auto filter = EventTypeFilter::parse("message.*,session.closed");
  ASSERT_TRUE(filter.has_value());
  EXPECT_TRUE(filter->matches("message.created"));
  EXPECT_TRUE(filter->matches("message.deleted"));
  EXPECT_TRUE(filter->matches("session.closed"));
  EXPECT_FALSE(filter->matches("session.created"));
  EXPECT_FALSE(filter->matches("messages"));
  EXPECT_TRUE(EventTypeFilter{}.matches("anything"));
  EXPECT_TRUE(EventTypeFilter::parse("*")->matches("anything"));
  for (const char* bad : {"a*b", ",a", "a,", "a,,b", "**"}) EXPECT_FALSE(EventTypeFilter::parse(bad)) << bad;
}

}  // namespace
}  // namespace livedesk::service
