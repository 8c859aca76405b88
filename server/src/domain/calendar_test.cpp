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
