#pragma once
// The reporting calendar: where "today" and each clock hour begin in the
// reporting time zone (UTC unless given one, e.g. "Europe/Berlin", whose
// rules, daylight saving included, app/ resolves at start-up and hands in).
// Pure arithmetic over those rules: no files, no environment, no process state.
// Immutable after construction; safe from any thread.
#include <cstdint>
#include <memory>
#include <string>

#include "domain/time_zone.hpp"

namespace livedesk::domain {

// Day and hour boundaries in one time zone.
class Calendar {
 public:
  Calendar() = default;  // UTC
  // `zone`'s rules; null means UTC.
  explicit Calendar(std::shared_ptr<const TimeZone> zone) : zone_(std::move(zone)) {}
  const std::string& zone() const;                      // "UTC" or the zone's name
  std::int64_t day_start(std::int64_t unix_ms) const;   // local midnight at or before
  std::int64_t next_day_start(std::int64_t unix_ms) const;
  std::int64_t hour_start(std::int64_t unix_ms) const;  // local hour boundary at or before
  int hour_of_day(std::int64_t unix_ms) const;          // 0-23, local

 private:
  std::int64_t local_ms(std::int64_t unix_ms) const;
  std::int64_t unix_ms_of_local(std::int64_t local_ms) const;

  std::shared_ptr<const TimeZone> zone_;
};

}  // namespace livedesk::domain
