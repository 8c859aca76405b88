#include "realtime/frame_queue.hpp"

namespace livedesk::realtime {

bool FrameQueue::push(Frame frame) { return push_latest(std::move(frame), 0, true); }

bool FrameQueue::push_latest(Frame frame, int key, bool keep_front) {
  if (key != 0) {
    for (std::size_t i = keep_front ? 1 : 0; i < frames_.size(); ++i) {
      if (frames_[i].key != key) continue;
      const std::size_t after = bytes_ - frames_[i].frame->text.size() + frame->text.size();
      if (after > max_bytes_) return false;
      bytes_ = after;
      frames_[i].frame = std::move(frame);
      return true;
    }
  }
  if (bytes_ + frame->text.size() > max_bytes_) return false;
  bytes_ += frame->text.size();
  frames_.push_back({std::move(frame), key});
  return true;
}

void FrameQueue::pop() {
  bytes_ -= frames_.front().frame->text.size();
  frames_.pop_front();
}

}  // namespace livedesk::realtime
