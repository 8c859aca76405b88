#pragma once
// Time source for every rule that depends on "now" (token expiry, rate windows,
// timeouts, "today"), so tests can move time instead of sleeping.
// Implementations must be safe to call from any thread.
#include <atomic>
#include <chrono>

namespace livedesk::domain {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that moves only when a test tells it to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void advance(std::chrono::milliseconds by) {
    now_ += std::chrono::duration_cast<TimePoint::duration>(by).count();
  }

 private:
  std::atomic<TimePoint::rep> now_;
};

}  // namespace livedesk::domain
