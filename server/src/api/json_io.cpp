#include "api/json_io.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/pchars.hpp>

#include "api/api_error.hpp"
#include "support/json_numbers.hpp"

namespace livedesk::api {
namespace json = boost::json;

Response error_response(int status, std::string_view code, std::string_view message) {
  return json_response(status, json::object{{"error", {{"code", code}, {"message", message}}}});
}

Response json_response(int status, const json::value& body) {
  Response response;
  response.status = status;
  response.body = json::serialize(body);
  return response;
}

std::string printable_path(std::string_view path) {
  return boost::urls::encode(path, boost::urls::pchars + '/');
}

json::object parse_object_body(const Request& request) {
  if (request.body.empty()) throw ApiError(400, "invalid_json", "request body must be a JSON object");
  boost::system::error_code ec;
  json::value value = json::parse(request.body, ec);
  if (ec) throw ApiError(400, "invalid_json", "request body is not valid JSON: " + ec.message());
  if (!value.is_object()) throw ApiError(400, "invalid_json", "request body must be a JSON object");
  if (contains_nul(value)) throw ApiError(400, "invalid_field", "text may not contain NUL (\\u0000) characters");
  if (!support::finite_numbers(value)) throw ApiError(400, "invalid_json", "a number is beyond the range of a double");
  return std::move(value.as_object());
}

bool contains_nul(const json::value& value) {
  switch (value.kind()) {
    case json::kind::string:
      return value.get_string().find('\0') != json::string::npos;
    case json::kind::array:
      for (const auto& item : value.get_array())
        if (contains_nul(item)) return true;
      return false;
    case json::kind::object:
      for (const auto& [key, item] : value.get_object())
        if (key.find('\0') != std::string_view::npos || contains_nul(item)) return true;
      return false;
    default:
      return false;
  }
}

namespace {
const json::value* find_field(const json::object& object, std::string_view field) {
  auto it = object.find(field);
  if (it == object.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::string checked_string(const json::value& value, std::string_view field, std::size_t max_length) {
  if (!value.is_string())
    throw ApiError(400, "invalid_field", "field '" + std::string(field) + "' must be a string");
  const auto& text = value.get_string();
  if (text.size() > max_length)
    throw ApiError(400, "invalid_field",
                   "field '" + std::string(field) + "' is longer than " + std::to_string(max_length));
  return std::string(text);
}
}  // namespace

std::string require_string(const json::object& object, std::string_view field, std::size_t max_length) {
  const json::value* value = find_field(object, field);
  if (!value) throw ApiError(400, "missing_field", "field '" + std::string(field) + "' is required");
  return checked_string(*value, field, max_length);
}

std::optional<std::string> optional_string(const json::object& object, std::string_view field,
                                           std::size_t max_length) {
  const json::value* value = find_field(object, field);
  if (!value) return std::nullopt;
  return checked_string(*value, field, max_length);
}

std::int64_t require_int(const json::object& object, std::string_view field) {
  const json::value* value = find_field(object, field);
  if (!value) throw ApiError(400, "missing_field", "field '" + std::string(field) + "' is required");
  if (!value->is_int64() && !value->is_uint64())
    throw ApiError(400, "invalid_field", "field '" + std::string(field) + "' must be an integer");
  if (value->is_uint64() && value->get_uint64() > std::uint64_t(INT64_MAX))
    throw ApiError(400, "invalid_field", "field '" + std::string(field) + "' is out of range");
  return value->to_number<std::int64_t>();
}

std::optional<std::int64_t> optional_int(const json::object& object, std::string_view field) {
  auto it = object.find(field);
  if (it == object.end() || it->value().is_null()) return std::nullopt;
  return require_int(object, field);
}

}  // namespace livedesk::api
