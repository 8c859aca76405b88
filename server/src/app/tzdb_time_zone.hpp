#pragma once
// The reporting time zone from the system's tzdata (/usr/share/zoneinfo, read
// through Howard Hinnant's date/tz library): resolved and loaded once, at
// start-up, by reporting_calendar(); immutable after, so the calendar's
// queries on the store thread read no file. Safe from any thread.
#include <memory>
#include <string>

#include "domain/calendar.hpp"
#include "domain/time_zone.hpp"

namespace date {
class time_zone;
}  // namespace date

namespace livedesk::app {

// One zone of the system's tzdata.
class TzdbTimeZone final : public domain::TimeZone {
 public:
  // Throws std::invalid_argument for a zone the system does not know.
  explicit TzdbTimeZone(const std::string& name);

  const std::string& name() const override { return name_; }
  std::int64_t utc_offset_ms(std::int64_t unix_ms) const override;
  std::int64_t unix_ms_of_local(std::int64_t local_ms) const override;

 private:
  std::string name_;
  const date::time_zone* zone_ = nullptr;  // owned by the library's tzdb, which lives as long as the process
};

// The calendar of `--timezone`: UTC for "", "UTC" and "Etc/UTC", else that zone
// of the system's tzdata. Throws std::invalid_argument for an unknown zone.
domain::Calendar reporting_calendar(const std::string& zone);

}  // namespace livedesk::app
