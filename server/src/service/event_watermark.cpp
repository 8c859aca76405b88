#include "service/event_watermark.hpp"

#include <vector>

namespace livedesk::service {

std::int64_t EventWatermark::position() const {
  std::lock_guard lock(mutex_);
  return position_;
}

void EventWatermark::advance(std::int64_t position) {
  std::vector<Wake> woken;
  {
    std::lock_guard lock(mutex_);
    if (position <= position_) return;
    position_ = position;
    // A linear pass: the waiters are the open stream consumers of this node, a few hundred at most.
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->second.after < position) {
        woken.push_back(std::move(it->second.wake));
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& wake : woken) wake(true);
}

std::uint64_t EventWatermark::wait_beyond(std::int64_t after, Wake wake, std::optional<Clock::time_point> deadline) {
  std::uint64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    if (position_ <= after) {
      waiters_.emplace(id, Waiter{after, deadline, std::move(wake)});
      return id;
    }
  }
  wake(true);
  return id;
}

bool EventWatermark::cancel(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  return waiters_.erase(id) > 0;
}

void EventWatermark::expire(Clock::time_point now) {
  std::vector<Wake> expired;
  {
    std::lock_guard lock(mutex_);
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->second.deadline && *it->second.deadline <= now) {
        expired.push_back(std::move(it->second.wake));
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& wake : expired) wake(false);
}

std::size_t EventWatermark::waiting() const {
  std::lock_guard lock(mutex_);
  return waiters_.size();
}

}  // namespace livedesk::service
