#include "api/chat_ws_common.hpp"

#include "api/ws_protocol.hpp"
#include "domain/message_rules.hpp"

namespace livedesk::api {
namespace json = boost::json;

service::NewMessage new_message_from(const json::object& data) {
  service::NewMessage message;
  message.type = frame_optional_string(data, "type", 16).value_or("text");
  // Text needs a body; an attachment's caption is optional.
  message.body = message.type == "text" ? frame_string(data, "body", domain::max_text_bytes * 4)
                                        : frame_optional_string(data, "body", domain::max_text_bytes * 4).value_or("");
  message.client_msg_id = frame_optional_string(data, "client_msg_id", domain::max_client_msg_id_bytes);
  message.attachment_id = frame_optional_string(data, "attachment_id", 64);
  return message;
}

service::Done<service::MessageAccepted> ack_to(std::shared_ptr<WsConnection> connection,
                                               std::optional<std::string> client_msg_id) {
  return [connection, client_msg_id](service::Outcome<service::MessageAccepted> outcome) {
    json::value id = client_msg_id ? json::value(*client_msg_id) : nullptr;
    if (send_if_error(*connection, outcome, {{"client_msg_id", id}})) return;
    const auto& accepted = std::get<service::MessageAccepted>(outcome);
    connection->send(event_frame("message_ack", {{"client_msg_id", id},
                                                 {"message", message_json(accepted.message)},
                                                 {"duplicate", accepted.duplicate}}));
  };
}

void append_history(std::vector<realtime::Frame>& frames, std::map<std::int64_t, std::int64_t>& covered,
                    const std::vector<domain::MessageView>& messages) {
  for (const auto& message : messages) {
    frames.push_back(message_created_frame(message));
    auto& seq = covered[message.session_id];
    seq = std::max(seq, message.seq);
  }
}

}  // namespace livedesk::api
