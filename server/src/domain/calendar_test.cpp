// The calendar's arithmetic, in UTC and over a zone with daylight saving (a
// stand-in with Central European rules for 2026; app/tzdb_time_zone_test.cpp
// checks the same days against the system's tzdata).
#include "domain/calendar.hpp"

#include <gtest/gtest.h>

using namespace livedesk::domain;

namespace {
constexpr std::int64_t hour = 3600 * 1000;
constexpr std::int64_t day0 = 1795478400000;           // 2026-11-24T00:00:00Z
constexpr std::int64_t summer_from = 1774746000000;    // 2026-03-29T01:00:00Z: 02:00 CET becomes 03:00 CEST
constexpr std::int64_t summer_until = 1792890000000;   // 2026-10-25T01:00:00Z: 03:00 CEST becomes 02:00 CET

// UTC+1, and UTC+2 from summer_from until summer_until.
class CentralEurope2026 final : public TimeZone {
 public:
  const std::string& name() const override { return name_; }
  std::int64_t utc_offset_ms(std::int64_t unix_ms) const override {
    return unix_ms >= summer_from && unix_ms < summer_until ? 2 * hour : hour;
  }
  std::int64_t unix_ms_of_local(std::int64_t local_ms) const override {
    for (std::int64_t offset : {2 * hour, hour})  // the earlier instant first
      if (utc_offset_ms(local_ms - offset) == offset) return local_ms - offset;
    return summer_from;  // the skipped hour of the spring
  }

 private:
  std::string name_ = "Test/CentralEurope";
};

Calendar central_europe() { return Calendar(std::make_shared<const CentralEurope2026>()); }
}  // namespace

TEST(Calendar, UtcDaysAndHours) {
  Calendar utc;
  EXPECT_EQ(utc.zone(), "UTC");
  EXPECT_EQ(utc.day_start(day0 + 5 * hour + 123), day0);
  EXPECT_EQ(utc.next_day_start(day0 + 1), day0 + 24 * hour);
  EXPECT_EQ(utc.hour_start(day0 + 5 * hour + 59 * 60 * 1000), day0 + 5 * hour);
  EXPECT_EQ(utc.hour_of_day(day0 + 23 * hour), 23);
  EXPECT_EQ(utc.day_start(-1), -24 * hour);  // before 1970 too
}

TEST(Calendar, SpringDayHas23Hours) {
  const Calendar calendar = central_europe();
  EXPECT_EQ(calendar.zone(), "Test/CentralEurope");
  const std::int64_t midnight = summer_from - 2 * hour;  // 2026-03-29T00:00 CET
  EXPECT_EQ(calendar.day_start(summer_from + 10 * hour), midnight);
  EXPECT_EQ(calendar.next_day_start(midnight), midnight + 23 * hour);
  EXPECT_EQ(calendar.day_start(midnight + 23 * hour), midnight + 23 * hour);
  EXPECT_EQ(calendar.hour_of_day(summer_from - 1), 1);  // 01:59:59.999 CET
  EXPECT_EQ(calendar.hour_of_day(summer_from), 3);      // 03:00 CEST
  EXPECT_EQ(calendar.hour_start(summer_from + 30 * 60 * 1000), summer_from);
  EXPECT_EQ(calendar.hour_start(summer_from - 1), summer_from - hour);
}

TEST(Calendar, AutumnDayHas25Hours) {
  const Calendar calendar = central_europe();
  const std::int64_t midnight = summer_until - 3 * hour;  // 2026-10-25T00:00 CEST
  EXPECT_EQ(calendar.day_start(summer_until + 10 * hour), midnight);
  EXPECT_EQ(calendar.next_day_start(midnight), midnight + 25 * hour);
  // 02:00-03:00 happens twice: first in summer time, then in winter time.
  EXPECT_EQ(calendar.hour_of_day(summer_until - 30 * 60 * 1000), 2);
  EXPECT_EQ(calendar.hour_of_day(summer_until + 30 * 60 * 1000), 2);
  EXPECT_EQ(calendar.hour_start(summer_until - 30 * 60 * 1000), summer_until - hour);
  EXPECT_EQ(calendar.hour_start(summer_until + 30 * 60 * 1000), summer_until);
}

TEST(Calendar, ParsesRealDatesOnly) {
  EXPECT_EQ(parse_civil_date("2026-11-24"), (CivilDate{2026, 11, 24}));
  EXPECT_EQ(parse_civil_date("2024-02-29"), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(parse_civil_date("2000-02-29"), (CivilDate{2000, 2, 29}));
  for (const char* bad : {"2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-11-00",
                          "2026-1-24", "2026/11/24", "26-11-24", "2026-11-24T00:00", "", "2026-1a-24", "+026-11-24"})
    EXPECT_FALSE(parse_civil_date(bad).has_value()) << bad;
}

TEST(Calendar, DatesStartAtLocalMidnight) {
  Calendar utc;
  EXPECT_EQ(utc.date_start({2026, 11, 24}), day0);
  EXPECT_EQ(utc.date_end({2026, 11, 24}), day0 + 24 * hour);
  EXPECT_EQ(utc.date_end({2026, 12, 31}), utc.date_start({2027, 1, 1}));  // past the month's end
  EXPECT_EQ(utc.date_start({1970, 1, 1}), 0);
  EXPECT_EQ(utc.date_start({1969, 12, 31}), -24 * hour);
  const Calendar berlin = central_europe();
  EXPECT_EQ(berlin.date_start({2026, 11, 24}), day0 - hour);
  // The spring day (2026-03-29) has 23 hours, the autumn one (2026-10-25) 25.
  EXPECT_EQ(berlin.date_end({2026, 3, 29}) - berlin.date_start({2026, 3, 29}), 23 * hour);
  EXPECT_EQ(berlin.date_end({2026, 10, 25}) - berlin.date_start({2026, 10, 25}), 25 * hour);
  EXPECT_EQ(berlin.date_start({2026, 11, 24}), berlin.day_start(day0 + 5 * hour));
}
