#pragma once
// The outbox's durable cursors: how far each consumer of the event log (a
// webhook endpoint, later an email sender) has got, and the delivery it is
// retrying. Reached through Store::outbox(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// One consumer's place in the log.
struct OutboxCursor {
  std::string consumer;       // e.g. "webhook:12"
  std::int64_t position = 0;  // every event up to here is done (delivered, or not for this consumer)
  // The event being retried (the first one after `position` this consumer wants), while one is.
  std::optional<std::int64_t> pending_position;
  int attempts = 0;  // tries of the pending event so far
  std::optional<std::int64_t> first_attempt_ms;
  std::optional<std::int64_t> next_attempt_ms;
};
BOOST_DESCRIBE_STRUCT(OutboxCursor, (),
                      (consumer, position, pending_position, attempts, first_attempt_ms, next_attempt_ms))

// The outbox_cursors table.
class OutboxStore {
 public:
  virtual std::optional<OutboxCursor> find(const std::string& consumer) = 0;
  virtual std::vector<OutboxCursor> list() = 0;  // by consumer
  // Inserts or replaces the row, except that `position` never goes back (a late
  // write of an older position keeps the newer one).
  virtual void save(const OutboxCursor& cursor) = 0;
  virtual bool remove(const std::string& consumer) = 0;

 protected:
  ~OutboxStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
