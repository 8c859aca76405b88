#pragma once
// A connection's outgoing queue, bounded in bytes: a client that cannot keep
// up overflows it and is disconnected instead of growing the server's memory.
// Not thread-safe: the owning session guards it.
#include <cstddef>
#include <deque>

#include "realtime/frame.hpp"

namespace livedesk::realtime {

// FIFO of shared frames with a byte budget.
class FrameQueue {
 public:
  explicit FrameQueue(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  // False (and the frame is not queued) when it would exceed the budget.
  bool push(Frame frame);
  const Frame& front() const { return frames_.front(); }
  void pop();
  bool empty() const { return frames_.empty(); }
  std::size_t bytes() const { return bytes_; }

 private:
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::deque<Frame> frames_;
};

}  // namespace livedesk::realtime
