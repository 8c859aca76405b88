#include "async/latch.hpp"

#include <boost/asio/this_coro.hpp>
#include <chrono>

#include "async/timing.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;

void Latch::add(int64_t n) {
  count_ += n;
  if (timer_) timer_->cancel();
}

asio::awaitable<bool> Latch::wait(int64_t target, int64_t timeout_ms) {
  const int64_t deadline = now_us() + timeout_ms * 1000;
  while (count_ < target && now_us() < deadline) {
    timer_.emplace(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
    co_await timer_->async_wait(use_tuple);
  }
  co_return count_ >= target;
}

}  // namespace livedesk::bench
