#pragma once
// The reporting calendar: where "today" and each clock hour begin in the
// reporting time zone (UTC unless configured, e.g. "Europe/Berlin"). Uses the
// C library's zone database (tzdata), so daylight saving is handled.
// Immutable after construction; safe from any thread.
#include <cstdint>
#include <string>

namespace livedesk::domain {

class Calendar {
 public:
  // Empty or "UTC": UTC. Anything else must be a zone the system knows;
  // throws std::invalid_argument otherwise. Sets the process's TZ.
  explicit Calendar(std::string zone = "UTC");
  const std::string& zone() const { return zone_; }
  std::int64_t day_start(std::int64_t unix_ms) const;   // local midnight at or before
  std::int64_t next_day_start(std::int64_t unix_ms) const;
  std::int64_t hour_start(std::int64_t unix_ms) const;  // local hour boundary at or before
  int hour_of_day(std::int64_t unix_ms) const;          // 0-23, local

 private:
  std::string zone_;
  bool utc_ = true;
};

}  // namespace livedesk::domain
