#include "async/timing.hpp"

#include <time.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <chrono>

namespace livedesk::bench {
namespace asio = boost::asio;

int64_t now_us() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

asio::awaitable<void> sleep_ms(int64_t ms) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(use_tuple);
}

asio::awaitable<void> sleep_until_us(int64_t t_us) {
  const int64_t d = t_us - now_us();
  if (d > 0) {
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::microseconds(d));
    co_await t.async_wait(use_tuple);
  }
}

}  // namespace livedesk::bench
