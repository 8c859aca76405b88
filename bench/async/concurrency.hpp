// Running many steps with a bounded number in flight, on the caller's
// io_context thread: connect_many for socket handshakes, parallel_for for
// REST calls over a few keep-alive connections.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>

#include "clients/bench_clients.hpp"

namespace livedesk::bench {

// Runs step(i) for i in [0, n) with at most `parallel` in flight.
boost::asio::awaitable<void> connect_many(int n, int parallel, std::function<boost::asio::awaitable<void>(int)> step);
// Runs step(i, http) for i in [0, n) on `parallel` keep-alive connections.
boost::asio::awaitable<void> parallel_for(int n, int parallel,
                                          std::function<boost::asio::awaitable<void>(int, HttpConnection&)> step);

}  // namespace livedesk::bench
