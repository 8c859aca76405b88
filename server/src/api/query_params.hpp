#pragma once
// Query-string reading through Boost.URL, with 400 invalid_query for values
// that do not parse.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livedesk::api {

std::optional<std::string> query_value(std::string_view query, std::string_view key);
// The integer value of `key` within [min, max], `fallback` when absent; 400 invalid_query otherwise.
std::int64_t query_int(std::string_view query, std::string_view key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);

}  // namespace livedesk::api
