#pragma once
// Pages of the event log for stream consumers (GET /api/v1/events), in the public event JSON, and the
// watermark they wait on. read() runs on the store executor's readers (never an io thread) and calls `done`
// there. tick() is the periodic task: it expires waiters whose wait is over and, while anyone waits, asks the
// store for the last position every poll interval (events of other nodes, until the bus carries positions).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/event_watermark.hpp"

namespace livedesk::store {
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

// Which event types a consumer wants: exact names and prefixes ("message.*"); empty: all.
struct EventTypeFilter {
  std::vector<std::string> exact;
  std::vector<std::string> prefixes;
  // Reads "a,b,c.*"; nullopt when a name is empty or holds a '*' anywhere but at its end.
  static std::optional<EventTypeFilter> parse(std::string_view list);
  bool matches(std::string_view type) const;
};

// One event as consumers get it.
struct StreamEvent {
  std::int64_t position = 0;
  std::string type;
  std::string json;  // {"id", "position", "type", "time", "data"}
};

struct EventPage {
  std::vector<StreamEvent> events;  // oldest first
  std::int64_t next_after = 0;      // where the next page starts: the last position read (matching or not)
  std::int64_t first_position = 0;  // the oldest position still held (last_position + 1 when empty)
  std::int64_t last_position = 0;
  bool pruned = false;  // `after` is below first_position - 1: events the consumer has not seen are gone
};

// Reads the log for the event stream.
class EventFeed {
 public:
  static constexpr std::size_t kMaxLimit = 1000;

  EventFeed(store::StoreExecutor& store, EventWatermark& watermark, std::chrono::milliseconds poll_interval)
      : store_(store), watermark_(watermark), poll_interval_(poll_interval) {}

  // Up to `limit` (1..kMaxLimit) matching events after `after` (-1: from the oldest held, never pruned);
  // `done(nullopt)` when the store fails. Returns
  // false (done is not called) when the store is shutting down.
  bool read(std::int64_t after, std::size_t limit, EventTypeFilter filter,
            std::function<void(std::optional<EventPage>)> done);
  EventWatermark& watermark() { return watermark_; }
  void tick();

 private:
  store::StoreExecutor& store_;
  EventWatermark& watermark_;
  const std::chrono::milliseconds poll_interval_;
  EventWatermark::Clock::time_point last_poll_{};
  std::atomic<bool> polling_{false};
};

}  // namespace livedesk::service
