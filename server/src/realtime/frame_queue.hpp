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
  // Like push, but replaces a queued frame with the same key (never the first
  // `keep_front` frames, which may be on the wire), keeping its place.
  bool push_latest(Frame frame, int key, bool keep_front);
  const Frame& front() const { return frames_.front().frame; }
  void pop();
  bool empty() const { return frames_.empty(); }
  std::size_t bytes() const { return bytes_; }

 private:
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  struct Entry {
    Frame frame;
    int key = 0;
  };
  std::deque<Entry> frames_;
};

}  // namespace livedesk::realtime
