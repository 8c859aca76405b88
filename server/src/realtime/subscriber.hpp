#pragma once
// A recipient of frames: the WebSocket session implements it. deliver() is
// called from any thread, never with a hub lock held, and must not block: a
// session queues the frame (bounded) and returns.
#include "realtime/frame.hpp"

namespace livedesk::realtime {

// Something frames can be handed to.
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  virtual void deliver(const Frame& frame) = 0;
  // A snapshot: a newer frame with the same `key` may replace this one while
  // it still waits in the queue (the client only ever wants the latest state).
  virtual void deliver_latest(const Frame& frame, int key) {
    (void)key;
    deliver(frame);
  }
};

}  // namespace livedesk::realtime
