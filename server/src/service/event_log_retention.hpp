#pragma once
// Removes event-log entries older than the retention, in chunks on the store
// thread so a large backlog never holds up chat writes for long. prune() may
// be called from any thread (a periodic task); the executor and clock outlive it.
#include <chrono>
#include <cstddef>

#include "domain/clock.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {

// Keeps the event log within its retention.
class EventLogRetention {
 public:
  EventLogRetention(store::StoreExecutor& store, const domain::Clock& clock, std::chrono::seconds retention,
                    std::size_t chunk = 5000)
      : store_(store), clock_(clock), retention_(retention), chunk_(chunk) {}

  // Posts the pruning: one chunk per store job, the next posted while a chunk came back full.
  void prune();

 private:
  void prune_chunk(std::int64_t cutoff_ms);

  store::StoreExecutor& store_;
  const domain::Clock& clock_;
  const std::chrono::seconds retention_;
  const std::size_t chunk_;
};

}  // namespace livedesk::service
