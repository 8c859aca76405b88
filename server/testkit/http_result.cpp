#include "testkit/http_result.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>
#include <stdexcept>

namespace livedesk::testkit {
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

HttpResult HttpResult::from(const http::response<http::string_body>& message) {
  HttpResult result;
  result.status = static_cast<int>(message.result_int());
  for (const auto& field : message) result.headers.emplace_back(field.name_string(), field.value());
  result.body = message.body();
  boost::system::error_code ec;
  auto value = json::parse(result.body, ec);
  if (!ec) result.json = std::move(value);
  return result;
}

std::string HttpResult::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return "";
}

bool HttpResult::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return iequals(h.first, name); });
}

std::string HttpResult::error_code() const {
  if (!json || !json->is_object()) return "";
  const auto* error = json->as_object().if_contains("error");
  if (!error || !error->is_object()) return "";
  const auto* code = error->as_object().if_contains("code");
  if (!code || !code->is_string()) return "";
  return std::string(code->as_string());
}

const json::object& HttpResult::object() const {
  if (!json || !json->is_object()) throw std::runtime_error("the body is not a JSON object:\n" + describe());
  return json->as_object();
}

std::string HttpResult::describe() const {
  std::string text;
  if (!error.empty()) text += "[transport error: " + error + (truncated ? ", truncated" : "") + "]\n";
  text += "HTTP " + std::to_string(status) + "\n";
  for (const auto& [name, value] : headers) text += name + ": " + value + "\n";
  text += "\n";
  text += body.size() > 2000 ? body.substr(0, 2000) + "...(" + std::to_string(body.size()) + " bytes)" : body;
  return text;
}

}  // namespace livedesk::testkit
