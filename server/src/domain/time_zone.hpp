#pragma once
// A time zone's rules, as the reporting calendar needs them: the offset from
// UTC in force at an instant, and the instant a local wall-clock time names.
// domain/ only uses this interface; app/ makes the real one from the system's
// tzdata at start-up (app/tzdb_time_zone.hpp), so domain/ never reads a file.
// Implementations are immutable and safe from any thread.
#include <cstdint>
#include <string>

namespace livedesk::domain {

// The rules of one time zone (daylight saving included).
class TimeZone {
 public:
  virtual ~TimeZone() = default;
  virtual const std::string& name() const = 0;  // e.g. "Europe/Berlin"
  // Local wall-clock time (in ms since 1970-01-01T00:00 local) = unix_ms + utc_offset_ms(unix_ms).
  virtual std::int64_t utc_offset_ms(std::int64_t unix_ms) const = 0;
  // The instant of the local wall-clock time `local_ms`: the earlier one when that
  // time happens twice (clocks go back), the instant the clocks jumped when it is
  // skipped (clocks go forward).
  virtual std::int64_t unix_ms_of_local(std::int64_t local_ms) const = 0;
};

}  // namespace livedesk::domain
