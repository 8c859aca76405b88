// Query strings (api/query_params) over any bytes: query_value finds a key's
// value or nullopt, and refuses a malformed query with 400 invalid_query;
// query_int answers within [min, max] (or the fallback), the same number as
// the value's text, and refuses everything else with 400 invalid_query.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/api_error.hpp"
#include "api/query_params.hpp"
#include "fakes/fuzz_check.hpp"

namespace {
using livedesk::api::ApiError;

template <class Read>
bool reads(Read read) {
  try {
    read();
    return true;
  } catch (const ApiError& error) {
    FUZZ_CHECK(error.status() == 400 && error.code() == "invalid_query");
    return false;
  }
}

void check_key(std::string_view query, std::string_view key) {
  std::optional<std::string> value;
  const bool parsed = reads([&] { value = livedesk::api::query_value(query, key); });
  if (query.empty()) FUZZ_CHECK(parsed && !value);
  if (value) FUZZ_CHECK(value->size() <= query.size());

  constexpr std::int64_t min = -5, max = 1000, fallback = 42;
  std::int64_t number = 0;
  const bool read = reads([&] { number = livedesk::api::query_int(query, key, fallback, min, max); });
  if (!parsed || !value) {
    FUZZ_CHECK(parsed ? read && number == fallback : !read);
    return;
  }
  std::int64_t expected = 0;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), expected);
  const bool valid = ec == std::errc() && end == value->data() + value->size() && expected >= min && expected <= max;
  FUZZ_CHECK(read == valid);
  if (valid) FUZZ_CHECK(number == expected);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(bytes), size);
  for (std::string_view key : {"limit", "offset", "after_seq", "q", "status", "", "a b", "%"}) check_key(query, key);
  // Every key the query names (its text up to '=' or '&') is looked up too.
  const auto first = query.substr(0, query.find_first_of("=&"));
  check_key(query, first);
  return 0;
}
