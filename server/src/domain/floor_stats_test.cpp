#include "domain/floor_stats.hpp"

#include <gtest/gtest.h>

using namespace livedesk::domain;

namespace {
constexpr std::int64_t hour = 3600 * 1000;
constexpr std::int64_t day0 = 1795478400000;  // 2026-11-24T00:00:00Z
}  // namespace

TEST(FloorStats, ADayOfSessionsWithKnownAnswers) {
  Calendar utc;
  FloorStats stats(utc);
  stats.roll_to(day0 + 8 * hour);
  // Three chats: waits 60 s and 120 s; one missed in the queue.
  stats.session_created(day0 + 8 * hour);
  stats.session_assigned(day0 + 8 * hour, day0 + 8 * hour + 60'000);
  stats.first_response(day0 + 8 * hour, day0 + 8 * hour + 90'000);
  stats.session_closed(day0 + 8 * hour, day0 + 8 * hour + 60'000, day0 + 8 * hour + 600'000, "resolved", 7);
  stats.session_created(day0 + 9 * hour);
  stats.session_assigned(day0 + 9 * hour, day0 + 9 * hour + 120'000);
  stats.session_created(day0 + 10 * hour);
  stats.session_closed(day0 + 10 * hour, std::nullopt, day0 + 10 * hour + 30'000, "missed", std::nullopt);
  stats.rating(5, day0 + 8 * hour + 700'000, 7);
  stats.rating(2, day0 + 9 * hour, std::nullopt);

  const auto& today = stats.today();
  EXPECT_EQ(today.sessions, 3);
  EXPECT_EQ(today.closed, 2);
  EXPECT_EQ(today.missed, 1);
  EXPECT_DOUBLE_EQ(*today.wait_seconds.value(), 90.0);
  EXPECT_DOUBLE_EQ(*today.first_response_seconds.value(), 90.0);
  EXPECT_DOUBLE_EQ(*today.resolution_seconds.value(), 600.0);
  EXPECT_DOUBLE_EQ(*today.chat_duration_seconds.value(), 540.0);
  EXPECT_DOUBLE_EQ(*today.csat_mean.value(), 3.5);
  EXPECT_EQ(today.csat[5], 1);
  EXPECT_EQ(today.agents.at(7).handled, 1);
  EXPECT_DOUBLE_EQ(*today.agents.at(7).rating.value(), 5.0);
  EXPECT_FALSE(stats.yesterday().csat_mean.value().has_value());
}

TEST(FloorStats, MessagesPerHourAndPeakAndDayRoll) {
  Calendar utc;
  FloorStats stats(utc);
  stats.roll_to(day0 + 23 * hour);
  stats.message(day0 + 22 * hour + 5, "text", "sent", 3);
  stats.message(day0 + 23 * hour + 5, "text", "sent");
  stats.message(day0 + 23 * hour + 6, "image", "sent");
  auto counts = stats.per_hour(day0 + 23 * hour + 10);
  ASSERT_EQ(counts.size(), 24u);
  EXPECT_EQ(counts[23], 2);
  EXPECT_EQ(counts[22], 3);
  EXPECT_EQ(stats.peak_hour(day0 + 23 * hour + 10), 22);
  stats.status_moved("sent", "read", 2);
  EXPECT_EQ(stats.today().by_status.at("read"), 2);
  EXPECT_EQ(stats.today().by_status.at("sent"), 3);
  stats.rating(4, day0 + 23 * hour, std::nullopt);
  stats.roll_to(day0 + 25 * hour);  // next day
  EXPECT_EQ(stats.today().messages, 0);
  EXPECT_EQ(stats.yesterday().messages, 5);
  EXPECT_DOUBLE_EQ(*stats.yesterday().csat_mean.value(), 4.0);
  EXPECT_EQ(stats.per_hour(day0 + 25 * hour)[20], 3);  // 22:00 yesterday, three hours back
  EXPECT_EQ(stats.per_hour(day0 + 25 * hour)[21], 2);
}
