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
};

}  // namespace livedesk::realtime
