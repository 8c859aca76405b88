#include "service/conversation_retention.hpp"

#include "domain/iso_time.hpp"

namespace livedesk::service {

void ConversationRetention::run() {
  if (days_ <= 0 || running_.exchange(true)) return;
  run_batch(domain::to_unix_ms(clock_.now()) - std::int64_t(days_) * 24 * 3600 * 1000);
}

void ConversationRetention::run_batch(std::int64_t cutoff_ms) {
  attachments_.erase_expired(cutoff_ms, batch_, [this, cutoff_ms](Outcome<ErasureCounts> outcome) {
    const auto* counts = std::get_if<ErasureCounts>(&outcome);
    // A full batch may have left more behind; anything else (fewer, a refusal) ends this run.
    if (counts && counts->conversations >= batch_) return run_batch(cutoff_ms);
    running_ = false;
  });
}

}  // namespace livedesk::service
