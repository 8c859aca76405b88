#include "realtime/frame_queue.hpp"

namespace livedesk::realtime {

bool FrameQueue::push(Frame frame) {
  if (bytes_ + frame->size() > max_bytes_) return false;
  bytes_ += frame->size();
  frames_.push_back(std::move(frame));
  return true;
}

void FrameQueue::pop() {
  bytes_ -= frames_.front()->size();
  frames_.pop_front();
}

}  // namespace livedesk::realtime
