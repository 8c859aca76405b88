#pragma once
// The highest event-log position this node knows to be committed, and the stream consumers waiting for it to
// pass theirs. Any thread may call every method. A waiter costs one map entry, no thread: advance() runs the
// callbacks of the waiters it passed on the advancing thread (after releasing the lock), and expire() (a
// periodic task) those whose deadline passed.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

namespace livedesk::service {

// A position watermark with waiters.
class EventWatermark {
 public:
  using Clock = std::chrono::steady_clock;
  // true: the position passed `after`; false: the deadline came first.
  using Wake = std::function<void(bool advanced)>;

  std::int64_t position() const;
  // Raises the watermark (a lower position is ignored) and wakes every waiter it passed.
  void advance(std::int64_t position);
  // Calls `wake(true)` once the position is beyond `after` (at once, on this thread, when it already is), or
  // `wake(false)` from expire() after `deadline`; never both, never after cancel(). Returns the id for cancel.
  std::uint64_t wait_beyond(std::int64_t after, Wake wake, std::optional<Clock::time_point> deadline = {});
  // True when the waiter was still waiting (it will not be called).
  bool cancel(std::uint64_t id);
  // Wakes (false) the waiters whose deadline is before `now`.
  void expire(Clock::time_point now = Clock::now());
  std::size_t waiting() const;

 private:
  struct Waiter {
    std::int64_t after;
    std::optional<Clock::time_point> deadline;
    Wake wake;
  };

  mutable std::mutex mutex_;
  std::int64_t position_ = 0;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Waiter> waiters_;
};

}  // namespace livedesk::service
