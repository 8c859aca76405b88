#pragma once
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

// Sends each message as `message_created`, in order.
void send_history(WsConnection& connection, const std::vector<domain::MessageView>& messages);

}  // namespace livedesk::api
