#pragma once
// The messages of sessions, and their receipts (status). Reached through
// Store::messages(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A file sent with a message; the bytes live elsewhere, at `url`.
struct Attachment {
  std::string name;
  std::string mime;
  std::int64_t size = 0;
  std::string url;
};
BOOST_DESCRIBE_STRUCT(Attachment, (), (name, mime, size, url))

// One message of a session; seq orders it within the session (1, 2, ...).
struct Message {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::int64_t session_id = 0;
  std::int64_t seq = 0;
  std::string sender_type;  // customer | agent | system
  std::optional<std::int64_t> sender_user_id;  // required when sender_type is agent
  std::string type = "text";                   // text | image | file | audio | video
  std::string body;
  std::string status = "sent";  // sent | delivered | read | failed
  std::optional<std::string> client_msg_id;  // the sender's own id, makes a resend idempotent
  std::optional<Attachment> attachment;      // columns attachment_name, _mime, _size, _url
  std::int64_t created_ms = 0;
};
BOOST_DESCRIBE_STRUCT(Message, (),
                      (id, session_id, seq, sender_type, sender_user_id, type, body, status, client_msg_id,
                       attachment, created_ms))

// The messages table.
class MessageStore {
 public:
  // Returns the new id; DuplicateError when the session already has that seq,
  // or that client_msg_id from the same sender_type.
  virtual std::int64_t insert(const Message& message) = 0;
  virtual std::optional<Message> find_by_client_id(std::int64_t session_id, std::string_view sender_type,
                                                   std::string_view client_msg_id) = 0;
  // seq > after_seq, ascending, at most `limit` (limit <= 0 returns nothing).
  virtual std::vector<Message> after(std::int64_t session_id, std::int64_t after_seq, int limit) = 0;
  virtual std::optional<Message> last(std::int64_t session_id) = 0;  // highest seq
  // Receipts. `sender_type` names whose messages are marked (the side opposite
  // the reader). Sets `status` (delivered | read) on that sender's messages of
  // the session with seq <= up_to_seq whose status is lower (sent < delivered <
  // read; failed is never touched), so status only moves forward. Returns the
  // number of rows changed; "sent" changes nothing, any other status is a StoreError.
  virtual int advance_status(std::int64_t session_id, std::string_view sender_type, std::int64_t up_to_seq,
                             std::string_view status) = 0;

 protected:
  ~MessageStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
