#include "api/contact_json.hpp"

#include "api/api_error.hpp"
#include "api/chat_json.hpp"
#include "api/json_io.hpp"
#include "service/contact_attributes.hpp"

namespace livedesk::api {
namespace json = boost::json;

json::object contact_json(const domain::ContactView& c) {
  boost::system::error_code ec;
  auto attributes = json::parse(c.attributes, ec);
  json::object out{
      {"id", c.id},
      {"name", c.name},
      {"email", c.email.empty() ? json::value(nullptr) : json::value(c.email)},
      {"anonymous", c.email.empty()},
      {"external_id", c.external_id ? json::value(*c.external_id) : json::value(nullptr)},
      {"identity_verified", c.identity_verified},
      {"attributes", !ec && attributes.is_object() ? attributes : json::object{}},
      {"first_seen_at", time_json(c.first_seen_ms)},
      {"last_seen_at", time_json(c.last_seen_ms)},
      {"chat_count", c.chat_count},
      {"average_rating",
       c.rating_count > 0 ? json::value(double(c.rating_sum) / double(c.rating_count)) : json::value(nullptr)},
      {"merged_into", c.merged_into ? json::value(*c.merged_into) : json::value(nullptr)},
      {"erased", c.erased},
  };
  return out;
}

json::object contact_note_json(const domain::ContactNoteView& n) {
  return {{"id", n.id},
          {"contact_id", n.contact_id},
          {"author", {{"id", n.author_id}, {"name", n.author_name}}},
          {"body", n.body},
          {"created_at", time_json(n.created_ms)},
          {"updated_at", time_json(n.updated_ms)}};
}

json::object contact_conversation_json(const domain::ContactConversationView& c) {
  return {{"id", c.id},
          {"status", c.status},
          {"subject", c.subject},
          {"created_at", time_json(c.created_ms)},
          {"closed_at", time_json(c.closed_ms)},
          {"agent", c.agent_id ? json::value(json::object{{"id", *c.agent_id}, {"name", c.agent_name}})
                               : json::value(nullptr)},
          {"rating", c.rating ? json::value(*c.rating) : json::value(nullptr)}};
}

std::optional<std::string> visitor_id_field(const json::object& body) {
  auto id = optional_string(body, "visitor_id", 64);
  if (id && !valid_visitor_id(*id))
    throw ApiError(400, "invalid_field", "field 'visitor_id' must be 8..64 letters, digits, '_' or '-'");
  return id;
}

bool valid_visitor_id(std::string_view id) {
  if (id.size() < 8 || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> attributes_field(const json::object& body, std::string_view field) {
  const auto* value = body.if_contains(field);
  if (!value || value->is_null()) return std::nullopt;
  const std::string text = json::serialize(*value);
  if (auto problem = service::attributes_problem(text))
    throw ApiError(400, "invalid_field", "field '" + std::string(field) + "': " + *problem);
  return text;
}

std::optional<service::Identity> identity_field(const json::object& body) {
  const auto* value = body.if_contains("identity");
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_object()) throw ApiError(400, "invalid_field", "field 'identity' must be an object");
  const auto& object = value->as_object();
  service::Identity identity;
  identity.user_id = require_string(object, "user_id", 255);
  if (identity.user_id.empty()) throw ApiError(400, "invalid_field", "field 'identity.user_id' must not be empty");
  identity.user_hash = optional_string(object, "user_hash", 128);
  identity.attributes = attributes_field(object, "attributes");
  return identity;
}

}  // namespace livedesk::api
