#include "async/concurrency.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include "async/timing.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;

asio::awaitable<void> connect_many(int n, int parallel, std::function<asio::awaitable<void>(int)> step) {
  auto ex = co_await asio::this_coro::executor;
  int next = 0, running = parallel;
  asio::steady_timer done(ex, asio::steady_timer::time_point::max());
  for (int w = 0; w < parallel; ++w)
    asio::co_spawn(
        ex,
        [&]() -> asio::awaitable<void> {
          while (next < n) co_await step(next++);
          if (--running == 0) done.cancel();
        },
        asio::detached);
  // co_spawn may run the steps inline: when they all finished already, the cancel came before the wait.
  if (running > 0) co_await done.async_wait(use_tuple);
}

asio::awaitable<void> parallel_for(int n, int parallel,
                                   std::function<asio::awaitable<void>(int, HttpConnection&)> step) {
  auto ex = co_await asio::this_coro::executor;
  int next = 0, running = parallel;
  asio::steady_timer done(ex, asio::steady_timer::time_point::max());
  for (int w = 0; w < parallel; ++w) {
    asio::co_spawn(
        ex,
        [&]() -> asio::awaitable<void> {
          auto h = http_connection();
          while (next < n) {
            const int i = next++;
            co_await step(i, h);
          }
          if (--running == 0) done.cancel();
        },
        asio::detached);
  }
  // co_spawn may run the steps inline: when they all finished already, the cancel came before the wait.
  if (running > 0) co_await done.async_wait(use_tuple);
}

}  // namespace livedesk::bench
