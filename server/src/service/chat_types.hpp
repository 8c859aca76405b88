#pragma once
// Values the chat use cases take and answer (service/chat_calls.hpp), shared by ChatService and ChatEngine.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/chat_views.hpp"
#include "domain/role.hpp"

namespace livedesk::service {

// A refusal: a stable snake_case code, the HTTP status that fits it, and a sentence.
struct ChatError {
  int http_status = 400;
  std::string code;
  std::string message;
};

// 404 for an unknown (or not visible) resource: "no such session: 12".
inline ChatError not_found(const std::string& what, std::int64_t id) {
  return {404, "not_found", "no such " + what + ": " + std::to_string(id)};
}

template <class T>
using Outcome = std::variant<T, ChatError>;
template <class T>
using Done = std::function<void(Outcome<T>)>;

// Who acts: a customer (through the token of one session) or a staff member.
struct Actor {
  enum class Kind { customer, staff } kind = Kind::customer;
  std::int64_t id = 0;          // customer id or staff user id
  std::int64_t session_id = 0;  // customers: the one session their token opens
  domain::Role role = domain::Role::agent;
  std::string name;

  static Actor customer(std::int64_t customer_id, std::int64_t session_id) {
    return {Kind::customer, customer_id, session_id, domain::Role::agent, {}};
  }
  static Actor staff(std::int64_t user_id, domain::Role role, std::string name = {}) {
    return {Kind::staff, user_id, 0, role, std::move(name)};
  }
  bool is_customer() const { return kind == Kind::customer; }
};

struct ChatStarted {
  domain::SessionView session;
  std::int64_t customer_id = 0;
  std::size_t queue_position = 0;  // 0 when routed at once
};

struct NewMessage {
  std::string type = "text";
  std::string body;
  std::optional<std::string> client_msg_id;
  std::optional<std::string> attachment_id;  // sha256 of a file uploaded to the same session
};

// A file uploaded to a session, ready to be sent in a message.
struct Upload {
  std::string id;  // sha256 hex
  std::string name;
  std::string mime;
  std::int64_t size = 0;
  std::string url;
};

// An uploaded file's row: which session it belongs to and what it is.
struct UploadedFile {
  std::int64_t session_id = 0;
  std::string sha256;
  std::string name;
  std::string mime;
  std::int64_t size = 0;
  std::int64_t created_ms = 0;
};

// Downloaded bytes with what to call them.
struct Download {
  std::string bytes;
  std::string mime;
  std::string name;
};

struct ChatStartedWithToken {
  ChatStarted started;
  std::string customer_token;
};

// What an agent's socket needs on (re)connecting.
struct AgentResume {
  std::vector<domain::SessionView> sessions;
  std::vector<domain::MessageView> missed;  // every resumed session's messages, each in seq order
  std::string status;                       // the agent's status now
};

struct MessageAccepted {
  domain::MessageView message;
  bool duplicate = false;  // a resend of an already stored client_msg_id
};

struct NewCanned {
  bool shared = false;  // shared: admins only; otherwise the caller's own
  std::string shortcut;
  std::string title;
  std::string body;
};

// #14 privacy: what an erasure cleared; `unused_blobs` are the attachment files no chat uses any more, to be
// deleted from the blob store once the erasure has committed.
struct ErasureCounts {
  std::int64_t conversations = 0;
  std::int64_t messages = 0;
  std::int64_t attachments = 0;
  std::vector<std::string> unused_blobs;
};

struct ChatSettings {
  std::chrono::milliseconds unanswered_timeout{120'000};
  std::chrono::milliseconds waiting_customer_grace{120'000};
  std::chrono::milliseconds agent_offline_grace{60'000};
  std::chrono::milliseconds transfer_timeout{60'000};
  int default_capacity = 3;
  // #14 privacy: --retention-days, the retention while no setting is stored (service/retention_setting.hpp).
  int retention_days = 0;
};

// Contacts: who the embedding site says the visitor is (docs/api.md, "Contacts and identity").
struct Identity {
  std::string user_id;
  std::optional<std::string> user_hash;   // hex HMAC-SHA256(site secret, user_id); none: unverified
  std::optional<std::string> attributes;  // a JSON object, as text
};

}  // namespace livedesk::service
