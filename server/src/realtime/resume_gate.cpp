#include "realtime/resume_gate.hpp"

namespace livedesk::realtime {
namespace {
bool already_covered(const Frame& frame, const std::map<std::int64_t, std::int64_t>& covered) {
  if (!frame->message) return false;
  auto it = covered.find(frame->message->session_id);
  return it != covered.end() && frame->message->seq <= it->second;
}
}  // namespace

void ResumeGate::deliver(const Frame& frame) {
  {
    std::lock_guard lock(mutex_);
    if (!open_) return held_.push_back({frame, std::nullopt});
  }
  recipient_->deliver(frame);
}

void ResumeGate::deliver_latest(const Frame& frame, int key) {
  {
    std::lock_guard lock(mutex_);
    if (!open_) return held_.push_back({frame, key});
  }
  recipient_->deliver_latest(frame, key);
}

void ResumeGate::open(const std::vector<Frame>& first, const std::map<std::int64_t, std::int64_t>& covered) {
  // Sending under the lock keeps a frame delivered meanwhile behind the held
  // ones; deliver() only queues, so the lock is short.
  std::lock_guard lock(mutex_);
  if (open_) return;
  for (const auto& frame : first) recipient_->deliver(frame);
  for (const auto& held : held_) {
    if (already_covered(held.frame, covered)) continue;
    held.latest_key ? recipient_->deliver_latest(held.frame, *held.latest_key) : recipient_->deliver(held.frame);
  }
  held_.clear();
  open_ = true;
}

}  // namespace livedesk::realtime
