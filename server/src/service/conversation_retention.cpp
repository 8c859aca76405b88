#include "service/conversation_retention.hpp"

#include "domain/iso_time.hpp"
#include "service/retention_setting.hpp"
#include "store/store_executor.hpp"
#include "support/json_log.hpp"

namespace livedesk::service {

void ConversationRetention::run() {
  if (running_.exchange(true)) return;
  const bool queued = store_.post_read(
      [this](store::Store& s) {
        int days = 0;
        try {
          days = retention_days(s, default_days_);
        } catch (const std::exception& error) {
          // The next run asks again; nothing is erased on a guess.
          support::log_event(spdlog::level::warn, "retention_setting_unread", {{"error", error.what()}});
          running_ = false;
          return;
        }
        if (days <= 0) {
          running_ = false;
          return;
        }
        run_batch(domain::to_unix_ms(clock_.now()) - std::int64_t(days) * 24 * 3600 * 1000);
      },
      [this](const std::exception&) { running_ = false; });
  if (!queued) running_ = false;
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
