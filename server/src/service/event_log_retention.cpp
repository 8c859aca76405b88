#include "service/event_log_retention.hpp"

#include "domain/iso_time.hpp"
#include "support/json_log.hpp"

namespace livedesk::service {

void EventLogRetention::prune() {
  prune_chunk(domain::to_unix_ms(clock_.now()) - std::chrono::duration_cast<std::chrono::milliseconds>(retention_).count());
}

void EventLogRetention::prune_chunk(std::int64_t cutoff_ms) {
  store_.post([this, cutoff_ms](store::Store& s) {
    const auto removed = s.events().prune_before(cutoff_ms, chunk_);
    if (removed == 0) return;
    support::log_event(spdlog::level::info, "event_log_pruned", {{"entries", removed}});
    if (removed == chunk_) prune_chunk(cutoff_ms);
  });
}

}  // namespace livedesk::service
