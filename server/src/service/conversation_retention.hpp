#pragma once
// Retention of conversations (docs/api.md, "Privacy"): closed conversations closed more than `days` ago are
// erased like a contact's (AttachmentService::erase_expired, then their files), in batches of `batch`
// conversations per store job, the next batch posted while a batch came back full. run() may be called from
// any thread (the leader's periodic task); a run still going makes it a no-op. 0 days: keep forever.
#include <atomic>
#include <cstdint>

#include "domain/clock.hpp"
#include "service/attachment_service.hpp"

namespace livedesk::service {

// Erases conversations past the retention; see the file comment.
class ConversationRetention {
 public:
  ConversationRetention(AttachmentService& attachments, const domain::Clock& clock, int days, int batch = 50)
      : attachments_(attachments), clock_(clock), days_(days), batch_(batch) {}

  void run();

 private:
  void run_batch(std::int64_t cutoff_ms);

  AttachmentService& attachments_;
  const domain::Clock& clock_;
  const int days_;
  const int batch_;
  std::atomic<bool> running_{false};
};

}  // namespace livedesk::service
