#include "domain/calendar.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace livedesk::domain {
namespace {
std::tm broken_down(std::int64_t unix_ms, bool utc) {
  const std::time_t seconds = std::time_t(unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000);
  std::tm tm{};
  utc ? gmtime_r(&seconds, &tm) : localtime_r(&seconds, &tm);
  return tm;
}

std::int64_t to_ms(std::tm tm, bool utc) {
  tm.tm_isdst = -1;
  const std::time_t seconds = utc ? timegm(&tm) : mktime(&tm);
  return std::int64_t(seconds) * 1000;
}
}  // namespace

Calendar::Calendar(std::string zone) : zone_(zone.empty() ? "UTC" : std::move(zone)) {
  utc_ = zone_ == "UTC" || zone_ == "Etc/UTC";
  if (utc_) return;
  if (zone_.find("..") != std::string::npos || !std::filesystem::exists("/usr/share/zoneinfo/" + zone_))
    throw std::invalid_argument("unknown time zone: " + zone_);
  setenv("TZ", zone_.c_str(), 1);
  tzset();
}

std::int64_t Calendar::day_start(std::int64_t unix_ms) const {
  std::tm tm = broken_down(unix_ms, utc_);
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  return to_ms(tm, utc_);
}

std::int64_t Calendar::next_day_start(std::int64_t unix_ms) const {
  std::tm tm = broken_down(unix_ms, utc_);
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_mday += 1;
  return to_ms(tm, utc_);
}

std::int64_t Calendar::hour_start(std::int64_t unix_ms) const {
  std::tm tm = broken_down(unix_ms, utc_);
  tm.tm_min = tm.tm_sec = 0;
  return to_ms(tm, utc_);
}

int Calendar::hour_of_day(std::int64_t unix_ms) const { return broken_down(unix_ms, utc_).tm_hour; }

}  // namespace livedesk::domain
