// REST bodies (api/json_io): parse_object_body and the field readers over any
// bytes. A body is either an object without NUL text, which serializes and
// parses back to the same value (doubles within a few ulps: fakes/same_json.hpp),
// or refused with a 400 ApiError (invalid_json or invalid_field); each field
// reader returns the field or throws a 400 ApiError (missing_field /
// invalid_field), never anything else.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "fakes/fuzz_check.hpp"
#include "fakes/same_json.hpp"

namespace {
namespace json = boost::json;
using livedesk::api::ApiError;

// Runs `read`; true when it returned, false for a 400 ApiError with one of `codes`.
template <class Read>
bool reads(Read read, std::initializer_list<std::string_view> codes) {
  try {
    read();
    return true;
  } catch (const ApiError& error) {
    FUZZ_CHECK(error.status() == 400);
    FUZZ_CHECK(std::find(codes.begin(), codes.end(), error.code()) != codes.end());
    return false;
  }
}

void check_field(const json::object& body, std::string_view field, std::size_t max_length) {
  const json::value* value = body.if_contains(field);
  const bool present = value && !value->is_null();
  const bool fits = present && value->is_string() && value->get_string().size() <= max_length;
  std::string text;
  FUZZ_CHECK(reads([&] { text = livedesk::api::require_string(body, field, max_length); },
                   {"missing_field", "invalid_field"}) == fits);
  if (fits) FUZZ_CHECK(text == value->get_string());
  std::optional<std::string> optional;
  FUZZ_CHECK(reads([&] { optional = livedesk::api::optional_string(body, field, max_length); }, {"invalid_field"}) ==
             (!present || fits));
  if (!present) FUZZ_CHECK(!optional);

  const bool is_integer = present && (value->is_int64() || (value->is_uint64() && value->get_uint64() <= std::uint64_t(INT64_MAX)));
  std::int64_t integer = 0;
  FUZZ_CHECK(reads([&] { integer = livedesk::api::require_int(body, field); }, {"missing_field", "invalid_field"}) ==
             is_integer);
  if (is_integer) FUZZ_CHECK(integer == value->to_number<std::int64_t>());
  std::optional<std::int64_t> optional_integer;
  FUZZ_CHECK(reads([&] { optional_integer = livedesk::api::optional_int(body, field); }, {"invalid_field"}) ==
             (!present || is_integer));
  if (is_integer) FUZZ_CHECK(optional_integer == integer);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  livedesk::api::Request request;
  request.method = "POST";
  request.body.assign(reinterpret_cast<const char*>(bytes), size);
  json::object body;
  if (!reads([&] { body = livedesk::api::parse_object_body(request); }, {"invalid_json", "invalid_field"})) return 0;
  FUZZ_CHECK(!livedesk::api::contains_nul(body));
  const json::value reparsed = json::parse(json::serialize(body));
  FUZZ_CHECK(reparsed.is_object() && livedesk::fuzz::same_json(reparsed, body));

  const std::size_t max_length = size % 32;
  for (const auto& [key, value] : body) check_field(body, key, max_length);
  check_field(body, "absent-field", max_length);
  return 0;
}
