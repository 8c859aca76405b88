#pragma once
// The event log: every committed change of the chat core, in commit order.
// Reached through Store::events(); same thread and error contract as Store.
//
// Positions are global, start at 1 and have no gaps among committed rows: an
// append is part of the caller's transaction (a rolled-back append leaves no
// hole, the next one reuses its number), and appends of concurrent
// transactions are serialized, so positions are handed out in commit order.
// Pruning removes a prefix only; positions are never reused.
#include <boost/describe/class.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// One entry of the log.
struct EventRecord {
  std::int64_t position = 0;  // ignored by append; assigned by the store
  std::string event_id;       // stable, unique: what receivers deduplicate by
  std::string type;           // public type, e.g. "message.created", "session.assigned"
  std::int64_t created_ms = 0;
  std::string payload;        // the event as bus/event_codec encodes it: {"type":...,"data":{...}}
};
BOOST_DESCRIBE_STRUCT(EventRecord, (), (position, event_id, type, created_ms, payload))

// The events table.
class EventStore {
 public:
  // Appends in the current transaction and returns the position given.
  virtual std::int64_t append(const EventRecord& record) = 0;
  // Up to `limit` entries with position > `after`, by position.
  virtual std::vector<EventRecord> read_after(std::int64_t after, std::size_t limit) = 0;
  // The highest position ever given (kept across pruning); 0 before the first append.
  virtual std::int64_t last_position() = 0;
  // The lowest position still held; last_position() + 1 when the log is empty.
  virtual std::int64_t first_position() = 0;
  // Removes up to `limit` of the oldest entries created before `created_before_ms`; returns how many.
  virtual std::size_t prune_before(std::int64_t created_before_ms, std::size_t limit) = 0;

 protected:
  ~EventStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
