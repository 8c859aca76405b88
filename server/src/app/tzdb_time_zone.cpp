#include "app/tzdb_time_zone.hpp"

#include <date/tz.h>

#include <chrono>
#include <stdexcept>

namespace livedesk::app {
namespace {
using std::chrono::milliseconds;
}  // namespace

TzdbTimeZone::TzdbTimeZone(const std::string& name) : name_(name) {
  if (name.find("..") != std::string::npos) throw std::invalid_argument("unknown time zone: " + name);
  try {
    zone_ = date::locate_zone(name);
    // The zone's rules load on first use; use them now, not on the store thread.
    (void)utc_offset_ms(0);
  } catch (const std::exception&) {
    throw std::invalid_argument("unknown time zone: " + name);
  }
}

std::int64_t TzdbTimeZone::utc_offset_ms(std::int64_t unix_ms) const {
  const auto info = zone_->get_info(date::sys_time<milliseconds>(milliseconds(unix_ms)));
  return std::chrono::duration_cast<milliseconds>(info.offset).count();
}

std::int64_t TzdbTimeZone::unix_ms_of_local(std::int64_t local_ms) const {
  // choose::earliest: the first of a repeated time; a skipped one maps to the jump.
  const auto local = date::local_time<milliseconds>(milliseconds(local_ms));
  return zone_->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

domain::Calendar reporting_calendar(const std::string& zone) {
  if (zone.empty() || zone == "UTC" || zone == "Etc/UTC") return domain::Calendar();
  return domain::Calendar(std::make_shared<const TzdbTimeZone>(zone));
}

}  // namespace livedesk::app
