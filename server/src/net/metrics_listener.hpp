#pragma once
// The separate metrics port (--metrics-bind): each connection is served by
// this coroutine, which answers GET (or HEAD) /metrics with the exposition
// and nothing else: another path is 404, another method 405. No static
// files, no API, no WebSockets, so the port can be opened to a Prometheus
// without opening the application. Keep-alive; idle or slow clients are
// dropped after `header_timeout`; shutdown closes idle connections.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "net/connection_registry.hpp"

namespace livedesk::net {

// `scrape` returns the exposition; it runs on an io thread and must not block.
boost::asio::awaitable<void> run_metrics_session(boost::asio::ip::tcp::socket socket,
                                                 const std::function<std::string()>& scrape,
                                                 ConnectionRegistry& connections,
                                                 std::chrono::milliseconds header_timeout);

}  // namespace livedesk::net
