#pragma once
// Exponential backoff between reconnect attempts: initial, doubled after each
// failure up to max, back to initial after a success.
#include <algorithm>
#include <chrono>

namespace livedesk::bus {

// The delay before the next reconnect attempt.
class Backoff {
 public:
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max)
      : initial_(initial), max_(std::max(initial, max)), next_(initial) {}

  // The delay to wait now; the one after it is twice as long (up to max).
  std::chrono::milliseconds next() {
    auto delay = next_;
    next_ = std::min(next_ * 2, max_);
    return delay;
  }
  void reset() { next_ = initial_; }

 private:
  std::chrono::milliseconds initial_, max_, next_;
};

}  // namespace livedesk::bus
