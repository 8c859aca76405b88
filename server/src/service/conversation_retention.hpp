#pragma once
// Retention of conversations (docs/api.md, "Privacy"): closed conversations closed more than the retention's
// days ago are erased like a contact's (AttachmentService::erase_expired, then their files), in batches of
// `batch` conversations per store job, the next batch posted while a batch came back full. Each run reads the
// days afresh from the shared settings (service/retention_setting.hpp; `default_days`, the command line's, while
// none is stored) on the store's readers, so an admin's change counts from the next run on every node that
// leads. run() may be called from any thread (the leader's periodic task); a run still going makes it a no-op.
// 0 days: keep forever.
#include <atomic>
#include <cstdint>

#include "domain/clock.hpp"
#include "service/attachment_service.hpp"

namespace livedesk::store {
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

// Erases conversations past the retention; see the file comment.
class ConversationRetention {
 public:
  ConversationRetention(AttachmentService& attachments, store::StoreExecutor& store, const domain::Clock& clock,
                        int default_days, int batch = 50)
      : attachments_(attachments), store_(store), clock_(clock), default_days_(default_days), batch_(batch) {}

  void run();

 private:
  void run_batch(std::int64_t cutoff_ms);

  AttachmentService& attachments_;
  store::StoreExecutor& store_;
  const domain::Clock& clock_;
  const int default_days_;
  const int batch_;
  std::atomic<bool> running_{false};
};

}  // namespace livedesk::service
