#pragma once
// ISO-8601 UTC timestamps with milliseconds ("2026-11-24T20:15:03.123Z"), the
// only time format on the wire, and unix milliseconds, the format in the store.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"

namespace livedesk::domain {

std::string format_iso8601(TimePoint t);
std::int64_t to_unix_ms(TimePoint t);
TimePoint from_unix_ms(std::int64_t ms);

}  // namespace livedesk::domain
