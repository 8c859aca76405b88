#pragma once
// The reporting calendar: where "today" and each clock hour begin in the
// reporting time zone (UTC unless given one, e.g. "Europe/Berlin", whose
// rules, daylight saving included, app/ resolves at start-up and hands in).
// Pure arithmetic over those rules: no files, no environment, no process state.
// Immutable after construction; safe from any thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time_zone.hpp"

namespace livedesk::domain {

// A date on the calendar (proleptic Gregorian), as a report or a filter names it: 2026-11-24.
struct CivilDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// "YYYY-MM-DD" naming a real date (2026-02-29 does not), else nullopt.
std::optional<CivilDate> parse_civil_date(std::string_view text);

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
  // The first instant of `date` here (its local midnight; when the clocks skip midnight, the instant they
  // jumped), and the first instant of the day after it.
  std::int64_t date_start(CivilDate date) const;
  std::int64_t date_end(CivilDate date) const;

 private:
  std::int64_t local_ms(std::int64_t unix_ms) const;
  std::int64_t unix_ms_of_local(std::int64_t local_ms) const;

  std::shared_ptr<const TimeZone> zone_;
};

}  // namespace livedesk::domain
