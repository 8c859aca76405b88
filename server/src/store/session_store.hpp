#pragma once
// Chat sessions, and the reads the waiting queue is rebuilt from. Reached
// through Store::sessions(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// One chat between a customer and (once assigned) an agent.
struct ChatSession {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> agent_id;  // empty while waiting in the queue
  std::string status = "waiting";        // waiting | active | closed
  int priority = 0;
  std::string subject;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> assigned_ms, first_response_ms, closed_ms;
  std::optional<std::string> close_reason;  // resolved | missed | blocked (only when closed)
  std::int64_t next_seq = 1;                // seq the next message of the session gets
};
BOOST_DESCRIBE_STRUCT(ChatSession, (),
                      (id, customer_id, agent_id, status, priority, subject, created_ms, assigned_ms,
                       first_response_ms, closed_ms, close_reason, next_seq))

// The chat_sessions table.
class SessionStore {
 public:
  virtual std::int64_t insert(const ChatSession& session) = 0;  // ignores session.id, returns the new id
  // Writes agent_id, status, priority, assigned_ms, first_response_ms, closed_ms,
  // close_reason and next_seq of the row with session.id; StoreError if there is none.
  virtual void update(const ChatSession& session) = 0;
  virtual std::optional<ChatSession> find(std::int64_t id) = 0;
  virtual std::vector<ChatSession> list_by_status(std::string_view status) = 0;  // by created_ms, id
  // The customer's most recently closed (by closed_ms) session that had an agent.
  virtual std::optional<ChatSession> latest_closed_of_customer(std::int64_t customer_id) = 0;
  // The customer's sessions that are waiting or active, by created_ms, id.
  virtual std::vector<ChatSession> open_of_customer(std::int64_t customer_id) = 0;

 protected:
  ~SessionStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
