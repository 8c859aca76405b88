#include "api/query_params.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <charconv>

#include "api/api_error.hpp"

namespace livedesk::api {

std::optional<std::string> query_value(std::string_view query, std::string_view key) {
  if (query.empty()) return std::nullopt;
  // A query has no fragment; and Boost.URL 1.81 reads past the end of an empty
  // query followed by one ("?#q=a"), so '#' is refused before parsing.
  if (query.find('#') != std::string_view::npos) throw ApiError(400, "invalid_query", "malformed query string");
  std::string reference = "?" + std::string(query);
  auto parsed = boost::urls::parse_relative_ref(reference);
  if (!parsed) throw ApiError(400, "invalid_query", "malformed query string");
  auto params = parsed->params();
  auto it = params.find(key);
  if (it == params.end()) return std::nullopt;
  return std::string((*it).value);
}

std::int64_t query_int(std::string_view query, std::string_view key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) {
  auto text = query_value(query, key);
  if (!text) return fallback;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max)
    throw ApiError(400, "invalid_query", "query parameter '" + std::string(key) + "' must be an integer from " +
                                             std::to_string(min) + " to " + std::to_string(max));
  return value;
}

}  // namespace livedesk::api
