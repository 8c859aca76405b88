#pragma once
// Requests to hand a chat to another agent or back to the queue. Reached
// through Store::transfers(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A request to hand a chat to another agent, or (to_agent_id empty) back to the queue.
struct Transfer {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::int64_t session_id = 0;
  std::int64_t from_agent_id = 0;
  std::optional<std::int64_t> to_agent_id;  // empty: back to the queue
  std::string reason;
  std::string status = "pending";  // pending | accepted | declined | expired | cancelled
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> resolved_ms;  // set exactly when status is not pending
};
BOOST_DESCRIBE_STRUCT(Transfer, (),
                      (id, session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms))

// The transfers table.
class TransferStore {
 public:
  // Returns the new id; DuplicateError when the session already has a pending one.
  virtual std::int64_t insert(const Transfer& transfer) = 0;
  // Moves a pending transfer to `status` (accepted | declined | expired |
  // cancelled); StoreError if there is no pending transfer with that id.
  virtual void resolve(std::int64_t id, std::string_view status, std::int64_t resolved_ms) = 0;
  virtual std::optional<Transfer> find(std::int64_t id) = 0;
  virtual std::vector<Transfer> pending() = 0;                              // oldest first (created_ms, id)
  virtual std::vector<Transfer> of_session(std::int64_t session_id) = 0;  // oldest first (created_ms, id)

 protected:
  ~TransferStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
