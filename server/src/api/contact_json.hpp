#pragma once
// The JSON of contacts (docs/api.md, "Contacts and identity"): Contact, ContactNote and a contact's conversation,
// with times as ISO-8601 UTC strings and the average rating computed from the sum and count.
#include <boost/json.hpp>

#include "domain/contact_views.hpp"
#include "service/chat_types.hpp"

namespace livedesk::api {

boost::json::object contact_json(const domain::ContactView& contact);
boost::json::object contact_note_json(const domain::ContactNoteView& note);
boost::json::object contact_conversation_json(const domain::ContactConversationView& conversation);

// The widget's fields, read from a request body (400 ApiError naming the field when malformed):
// "visitor_id" (8..64 of [A-Za-z0-9_-]), "identity" {"user_id" 1..255, "user_hash"?, "attributes"?} and
// "attributes" (an object, checked by service/contact_attributes), the last two as JSON text.
std::optional<std::string> visitor_id_field(const boost::json::object& body);
bool valid_visitor_id(std::string_view id);
std::optional<service::Identity> identity_field(const boost::json::object& body);
std::optional<std::string> attributes_field(const boost::json::object& body, std::string_view field);

}  // namespace livedesk::api
