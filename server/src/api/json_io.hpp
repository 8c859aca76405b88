#pragma once
// Reading request bodies and writing JSON responses; every malformed or
// wrong-typed input becomes a 400 ApiError that names the field.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/http_types.hpp"

namespace livedesk::api {

Response json_response(int status, const boost::json::value& body);

// A decoded URL path as it may appear in a message: percent-encoded again
// (Boost.URL), so bytes that are not UTF-8 cannot break the JSON.
std::string printable_path(std::string_view path);

// Parses the body as one JSON object; 400 invalid_json / 400 bad_request otherwise.
boost::json::object parse_object_body(const Request& request);
// True when a string or key anywhere in `value` holds a NUL character: text
// that PostgreSQL cannot store, refused up front as bad input (400).
bool contains_nul(const boost::json::value& value);

// Field readers: 400 missing_field / invalid_field unless present with the right type.
std::string require_string(const boost::json::object& object, std::string_view field,
                           std::size_t max_length = 10'000);
std::optional<std::string> optional_string(const boost::json::object& object, std::string_view field,
                                           std::size_t max_length = 10'000);
std::int64_t require_int(const boost::json::object& object, std::string_view field);
// An integer field that may be absent or null.
std::optional<std::int64_t> optional_int(const boost::json::object& object, std::string_view field);

}  // namespace livedesk::api
