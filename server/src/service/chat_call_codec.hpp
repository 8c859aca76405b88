#pragma once
// JSON for the chat use cases' requests (service/chat_calls.hpp) and outcomes,
// so a call can cross from a node to the cluster's leader and its answer come
// back (Boost.JSON's value_from / value_to over Boost.Describe reflection). A
// request travels as its described members; an Outcome as {"ok": value} or
// {"error": {http_status, code, message}}.
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json.hpp>
#include <stdexcept>

#include "domain/agent_status.hpp"
#include "domain/role.hpp"
#include "domain/view_descriptions.hpp"
#include "service/chat_calls.hpp"
#include "support/json_numbers.hpp"

namespace livedesk::domain {
BOOST_DESCRIBE_ENUM(Role, agent, supervisor, admin)
BOOST_DESCRIBE_ENUM(AgentStatus, active, idle, in_call, offline)
}  // namespace livedesk::domain

namespace livedesk::service {
BOOST_DESCRIBE_STRUCT(ChatError, (), (http_status, code, message))
BOOST_DESCRIBE_STRUCT(ChatStarted, (), (session, customer_id, queue_position))
BOOST_DESCRIBE_STRUCT(ChatStartedWithToken, (), (started, customer_token))
BOOST_DESCRIBE_STRUCT(AgentResume, (), (sessions, missed, status))
BOOST_DESCRIBE_STRUCT(NewMessage, (), (type, body, client_msg_id, attachment_id))
BOOST_DESCRIBE_STRUCT(MessageAccepted, (), (message, duplicate))
BOOST_DESCRIBE_STRUCT(Upload, (), (id, name, mime, size, url))
BOOST_DESCRIBE_STRUCT(UploadedFile, (), (session_id, sha256, name, mime, size, created_ms))
// contacts
BOOST_DESCRIBE_STRUCT(Identity, (), (user_id, user_hash, attributes))
BOOST_DESCRIBE_STRUCT(NewCanned, (), (shared, shortcut, title, body))
// #14 privacy
BOOST_DESCRIBE_STRUCT(ErasureCounts, (), (conversations, messages, attachments, unused_blobs))

// Actor's kind is a nested enum; spelled out by hand.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Actor& actor);
Actor tag_invoke(boost::json::value_to_tag<Actor>, const boost::json::value& in);

// An outcome as {"ok": ...} or, for a refusal, {"error": ...}.
template <class T>
boost::json::value encode_outcome(const Outcome<T>& outcome) {
  if (const auto* error = std::get_if<ChatError>(&outcome))
    return boost::json::object{{"error", boost::json::value_from(*error)}};
  return boost::json::object{{"ok", boost::json::value_from(std::get<T>(outcome))}};
}

// The inverse; throws std::exception (boost::system::system_error,
// std::invalid_argument, std::out_of_range) for an answer that does not fit,
// one with a number beyond a double's range included (support/json_numbers.hpp).
template <class T>
Outcome<T> decode_outcome(const boost::json::value& encoded) {
  if (!support::finite_numbers(encoded)) throw std::out_of_range("a number of the answer is beyond a double's range");
  const auto& object = encoded.as_object();
  if (const auto* error = object.if_contains("error")) return boost::json::value_to<ChatError>(*error);
  return boost::json::value_to<T>(object.at("ok"));
}

}  // namespace livedesk::service
