#include "domain/calendar.hpp"

namespace livedesk::domain {
namespace {
constexpr std::int64_t hour_ms = 3'600'000;
constexpr std::int64_t day_ms = 24 * hour_ms;

// Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil); linear in d, so d may run past the month.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + std::int64_t(doe) - 719468;
}

bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

// The multiple of `unit` at or below `value` (also for times before 1970).
std::int64_t floor_to(std::int64_t value, std::int64_t unit) {
  const std::int64_t rest = value % unit;
  return rest < 0 ? value - rest - unit : value - rest;
}
}  // namespace

std::optional<CivilDate> parse_civil_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t length) -> int {
    int n = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      n = n * 10 + (text[i] - '0');
    }
    return n;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (unsigned(day) > days_in_month(year, unsigned(month))) return std::nullopt;
  return CivilDate{year, unsigned(month), unsigned(day)};
}

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

std::int64_t Calendar::date_start(CivilDate date) const {
  return unix_ms_of_local(days_from_civil(date.year, date.month, date.day) * day_ms);
}

std::int64_t Calendar::date_end(CivilDate date) const {
  return unix_ms_of_local(days_from_civil(date.year, date.month, date.day + 1) * day_ms);
}

}  // namespace livedesk::domain
