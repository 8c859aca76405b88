#include "domain/calendar.hpp"

namespace livedesk::domain {
namespace {
constexpr std::int64_t hour_ms = 3'600'000;
constexpr std::int64_t day_ms = 24 * hour_ms;

// The multiple of `unit` at or below `value` (also for times before 1970).
std::int64_t floor_to(std::int64_t value, std::int64_t unit) {
  const std::int64_t rest = value % unit;
  return rest < 0 ? value - rest - unit : value - rest;
}
}  // namespace

const std::string& Calendar::zone() const {
  static const std::string utc = "UTC";
  return zone_ ? zone_->name() : utc;
}

std::int64_t Calendar::local_ms(std::int64_t unix_ms) const {
  return zone_ ? unix_ms + zone_->utc_offset_ms(unix_ms) : unix_ms;
}

std::int64_t Calendar::unix_ms_of_local(std::int64_t local_ms) const {
  return zone_ ? zone_->unix_ms_of_local(local_ms) : local_ms;
}

std::int64_t Calendar::day_start(std::int64_t unix_ms) const {
  return unix_ms_of_local(floor_to(local_ms(unix_ms), day_ms));
}

std::int64_t Calendar::next_day_start(std::int64_t unix_ms) const {
  return unix_ms_of_local(floor_to(local_ms(unix_ms), day_ms) + day_ms);
}

// Within one local hour the offset does not change (zones move their clocks on
// the hour), so the hour began that far before `unix_ms`.
std::int64_t Calendar::hour_start(std::int64_t unix_ms) const {
  const std::int64_t local = local_ms(unix_ms);
  return unix_ms - (local - floor_to(local, hour_ms));
}

int Calendar::hour_of_day(std::int64_t unix_ms) const {
  const std::int64_t local = local_ms(unix_ms);
  return int((local - floor_to(local, day_ms)) / hour_ms);
}

}  // namespace livedesk::domain
