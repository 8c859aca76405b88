#include "service/contact_attributes.hpp"

#include <boost/json.hpp>

namespace livedesk::service {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxKeys = 50;
constexpr std::size_t kMaxKey = 64;
constexpr std::size_t kMaxValue = 1024;

json::object object_of(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return {};
  return std::move(value.as_object());
}

}  // namespace

std::optional<std::string> attributes_problem(std::string_view patch_json) {
  boost::system::error_code ec;
  auto value = json::parse(patch_json, ec);
  if (ec || !value.is_object()) return "attributes must be an object";
  const auto& patch = value.as_object();
  if (patch.size() > kMaxKeys) return "attributes may have at most 50 keys";
  for (const auto& [key, v] : patch) {
    if (key.empty() || key.size() > kMaxKey) return "an attribute key must be 1..64 characters";
    if (v.is_string()) {
      if (v.as_string().size() > kMaxValue) return "attribute \"" + std::string(key) + "\" is longer than 1024";
    } else if (!v.is_number() && !v.is_bool() && !v.is_null()) {
      return "attribute \"" + std::string(key) + "\" must be a string, a number, a boolean or null";
    }
  }
  return std::nullopt;
}

std::optional<std::string> apply_attributes(std::string_view current_json, std::string_view patch_json,
                                            std::string& problem) {
  if (auto why = attributes_problem(patch_json)) {
    problem = *why;
    return std::nullopt;
  }
  json::object current = object_of(current_json);
  for (const auto& [key, v] : object_of(patch_json)) {
    if (v.is_null())
      current.erase(key);
    else
      current[key] = v;
  }
  if (current.size() > kMaxKeys) {
    problem = "a contact may have at most 50 attributes";
    return std::nullopt;
  }
  return json::serialize(current);
}

std::string fill_attributes(std::string_view current_json, std::string_view other_json) {
  json::object current = object_of(current_json);
  for (const auto& [key, v] : object_of(other_json))
    if (!current.contains(key) && current.size() < kMaxKeys) current[key] = v;
  return json::serialize(current);
}

}  // namespace livedesk::service
