#pragma once
#include <map>
#include <vector>
// Pieces both chat protocols use: turning outcomes into frames.
#include <boost/json.hpp>

#include "api/chat_json.hpp"
#include "api/ws_connection.hpp"
#include "service/chat_types.hpp"

namespace livedesk::api {

// Sends `error` {code, message, ...extra} for a refused outcome; returns true when it was one.
template <class T>
bool send_if_error(WsConnection& connection, const service::Outcome<T>& outcome, boost::json::object extra = {}) {
  if (auto* error = std::get_if<service::ChatError>(&outcome)) {
    connection.send(error_frame(error->code, error->message, std::move(extra)));
    return true;
  }
  return false;
}

// The message fields of a send_message frame; throws FrameError when malformed.
service::NewMessage new_message_from(const boost::json::object& data);

// `message_ack` for the sender, or its error with the client_msg_id.
service::Done<service::MessageAccepted> ack_to(std::shared_ptr<WsConnection> connection,
                                               std::optional<std::string> client_msg_id);

// Appends each message as a `message_created` frame, in order, and raises
// covered[session] to the highest seq among them (for ResumeGate::open).
void append_history(std::vector<realtime::Frame>& frames, std::map<std::int64_t, std::int64_t>& covered,
                    const std::vector<domain::MessageView>& messages);

}  // namespace livedesk::api
