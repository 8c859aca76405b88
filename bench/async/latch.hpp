// A counter that a coroutine can wait on until it reaches a target (e.g.
// "every socket authenticated"). Single-threaded: add() and wait() on the same
// io_context thread; add() is cheap enough to call from a frame callback.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <optional>

namespace livedesk::bench {

// A count with a coroutine wait for a target value.
class Latch {
 public:
  int64_t count() const { return count_; }
  void add(int64_t n = 1);
  // True once count() >= target; false when `timeout_ms` passed first.
  boost::asio::awaitable<bool> wait(int64_t target, int64_t timeout_ms);

 private:
  int64_t count_ = 0;
  std::optional<boost::asio::steady_timer> timer_;
};

}  // namespace livedesk::bench
