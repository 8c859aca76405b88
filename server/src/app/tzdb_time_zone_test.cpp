// The reporting time zone from the system's tzdata: the days of 2026 on which
// Europe/Berlin changes its clocks (domain/calendar_test.cpp has the same
// checks over a stand-in zone), and the names that are refused.
#include "app/tzdb_time_zone.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace livedesk;

namespace {
constexpr std::int64_t hour = 3600 * 1000;
constexpr std::int64_t summer_from = 1774746000000;   // 2026-03-29T01:00:00Z
constexpr std::int64_t summer_until = 1792890000000;  // 2026-10-25T01:00:00Z
}  // namespace

TEST(TzdbTimeZoneTest, UtcNeedsNoZone) {
  for (const char* name : {"", "UTC", "Etc/UTC"}) {
    const domain::Calendar calendar = app::reporting_calendar(name);
    EXPECT_EQ(calendar.zone(), "UTC");
    EXPECT_EQ(calendar.day_start(summer_from + 1), summer_from - hour);
  }
}

TEST(TzdbTimeZoneTest, BerlinOffsets) {
  const app::TzdbTimeZone berlin("Europe/Berlin");
  EXPECT_EQ(berlin.name(), "Europe/Berlin");
  EXPECT_EQ(berlin.utc_offset_ms(summer_from - 1), hour);
  EXPECT_EQ(berlin.utc_offset_ms(summer_from), 2 * hour);
  EXPECT_EQ(berlin.utc_offset_ms(summer_until), hour);
  // 02:30 on the spring day is skipped; on the autumn day it happens twice.
  const std::int64_t spring_0230 = summer_from + hour + hour / 2;  // as local wall-clock ms
  EXPECT_EQ(berlin.unix_ms_of_local(spring_0230), summer_from);
  const std::int64_t autumn_0230 = summer_until + hour + hour / 2;
  EXPECT_EQ(berlin.unix_ms_of_local(autumn_0230), summer_until - hour / 2);
}

TEST(TzdbTimeZoneTest, BerlinDaysOf23And25Hours) {
  const domain::Calendar calendar = app::reporting_calendar("Europe/Berlin");
  EXPECT_EQ(calendar.zone(), "Europe/Berlin");
  const std::int64_t spring_midnight = summer_from - 2 * hour;
  EXPECT_EQ(calendar.day_start(summer_from + 10 * hour), spring_midnight);
  EXPECT_EQ(calendar.next_day_start(spring_midnight), spring_midnight + 23 * hour);
  EXPECT_EQ(calendar.hour_of_day(summer_from), 3);
  const std::int64_t autumn_midnight = summer_until - 3 * hour;
  EXPECT_EQ(calendar.day_start(summer_until + 10 * hour), autumn_midnight);
  EXPECT_EQ(calendar.next_day_start(autumn_midnight), autumn_midnight + 25 * hour);
  EXPECT_EQ(calendar.hour_start(summer_until + hour / 2), summer_until);
}

TEST(TzdbTimeZoneTest, UnknownZonesAreRefused) {
  EXPECT_THROW(app::reporting_calendar("Not/AZone"), std::invalid_argument);
  EXPECT_THROW(app::reporting_calendar("../../etc/passwd"), std::invalid_argument);
}
