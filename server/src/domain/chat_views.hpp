#pragma once
// The read models of a chat, as clients see them: a message and a session
// summary (the contract's `session` object). Plain values, copied freely.
#include <cstdint>
#include <optional>
#include <string>

namespace livedesk::domain {

struct AttachmentView {
  std::string name;
  std::string mime;
  std::int64_t size = 0;
  std::string url;
};

struct MessageView {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::int64_t seq = 0;
  std::string sender_type;  // customer | agent | system
  std::optional<std::int64_t> sender_user_id;
  std::string type = "text";
  std::string body;
  std::string status = "sent";
  std::optional<std::string> client_msg_id;
  std::optional<AttachmentView> attachment;
  std::int64_t created_ms = 0;
};

struct PartyView {
  std::int64_t id = 0;
  std::string name;
  std::string email;  // empty for agents
};

struct SessionView {
  std::int64_t id = 0;
  std::string status;  // waiting | active | closed
  PartyView customer;
  std::optional<PartyView> agent;
  std::string subject;
  int priority = 0;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> assigned_ms;
  std::optional<std::int64_t> first_response_ms;
  std::optional<std::int64_t> closed_ms;
  std::optional<std::string> close_reason;
  double wait_seconds = 0;
  int unread_count = 0;
  std::optional<MessageView> last_message;
  std::size_t queue_position = 0;  // 1-based while waiting, else 0
};

}  // namespace livedesk::domain
