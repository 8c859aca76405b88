#pragma once
// The reads behind the dashboard's running aggregates (domain/floor_stats,
// docs/metrics.md): the history they are seeded from at start-up, and the
// status counts a receipt is about to change. Reached through
// Store::metrics(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/session_store.hpp"
#include "store/store_error.hpp"

namespace livedesk::store {

// A rating with the agent of its chat.
struct RatingRow {
  std::int64_t session_id = 0;
  int rating = 0;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> agent_id;
};
BOOST_DESCRIBE_STRUCT(RatingRow, (), (session_id, rating, created_ms, agent_id))

// Messages of one type and status in one UTC hour.
struct MessageCount {
  std::int64_t utc_hour = 0;
  std::string type;
  std::string status;
  std::int64_t count = 0;
};
BOOST_DESCRIBE_STRUCT(MessageCount, (), (utc_hour, type, status, count))

// How many messages have one status.
struct StatusCount {
  std::string status;
  std::int64_t count = 0;
};
BOOST_DESCRIBE_STRUCT(StatusCount, (), (status, count))

// Aggregate reads over sessions, ratings and messages.
class MetricsStore {
 public:
  // Sessions created, assigned, answered or closed at or after `since_ms`, by id.
  virtual std::vector<ChatSession> sessions_touched_since(std::int64_t since_ms) = 0;
  virtual std::vector<RatingRow> ratings_since(std::int64_t since_ms) = 0;
  // Message counts per UTC hour (unix ms / 3 600 000), type and status, since `since_ms`.
  virtual std::vector<MessageCount> message_counts_since(std::int64_t since_ms) = 0;
  // How many of the `sender_type` messages a receipt up to `up_to_seq` would
  // raise to `status`, by their current status, counting only those created
  // at or after `since_ms`. Call before MessageStore::advance_status.
  virtual std::vector<StatusCount> statuses_below(std::int64_t session_id, std::string_view sender_type,
                                                  std::int64_t up_to_seq, std::string_view status,
                                                  std::int64_t since_ms) = 0;

 protected:
  ~MetricsStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
