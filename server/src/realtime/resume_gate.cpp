#include "realtime/resume_gate.hpp"

#include <algorithm>

namespace livedesk::realtime {

void ResumeGate::deliver(const Frame& frame) {
  {
    std::lock_guard lock(mutex_);
    if (!open_) return held_.push_back({frame, std::nullopt});
    // A message committed before the history was read can still be on its
    // way (another node's event through Redis): the client has it already.
    if (frame->message && !raise(frame->message->session_id, frame->message->seq)) return;
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
  covered_ = covered;
  for (const auto& frame : first) {
    if (frame->message) raise(frame->message->session_id, frame->message->seq);
    recipient_->deliver(frame);
  }
  for (const auto& held : held_) {
    if (held.frame->message && !raise(held.frame->message->session_id, held.frame->message->seq)) continue;
    held.latest_key ? recipient_->deliver_latest(held.frame, *held.latest_key) : recipient_->deliver(held.frame);
  }
  held_.clear();
  open_ = true;
}

bool ResumeGate::raise(std::int64_t session_id, std::int64_t seq) {
  auto [it, inserted] = covered_.try_emplace(session_id, 0);
  if (!inserted && seq <= it->second) return false;
  it->second = seq;
  return true;
}

}  // namespace livedesk::realtime
