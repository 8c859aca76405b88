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

struct TransferView {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::int64_t from_agent_id = 0;
  std::optional<std::int64_t> to_agent_id;  // null: back to the queue
  std::string reason;
  std::string status;  // pending | accepted | declined | expired | cancelled
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> resolved_ms;
};

struct NoteView {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::int64_t author_user_id = 0;
  std::string author_name;
  std::string kind = "note";  // note | whisper
  std::string body;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

struct CannedView {
  std::int64_t id = 0;
  std::optional<std::int64_t> owner_user_id;  // null: shared
  std::string shortcut;
  std::string title;
  std::string body;
  std::int64_t updated_ms = 0;
};

struct BlockView {
  std::int64_t id = 0;
  std::optional<std::int64_t> customer_id;
  std::string email;
  std::string reason;
  std::optional<std::int64_t> blocked_by;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> lifted_ms;
};

}  // namespace livedesk::domain
