#pragma once
// One WebSocket connection: the transport side of api::WsConnection. Reads
// run in a coroutine on the connection's strand and go to the protocol's
// WsHandler; sends from any thread land in a bounded FrameQueue and are
// written one at a time on the strand. A full queue closes the socket (1008):
// a slow client never grows the server's memory. Deadlines: authentication
// (default 5 s) and inactivity (default 5 min, closes with 1000).
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>

#include "api/ws_connection.hpp"
#include "net/connection_registry.hpp"
#include "support/metrics/server_metrics.hpp"

namespace livedesk::net {

struct WebSocketOptions {
  std::chrono::milliseconds auth_timeout{5000};
  std::chrono::milliseconds idle_timeout{300'000};
  std::size_t max_frame_bytes = 64 * 1024;
  std::size_t max_queued_bytes = 1024 * 1024;
};

// What the sockets of one kind (customer, agent, dashboard) record; all null without metrics.
struct WebSocketMetrics {
  support::Gauge* open = nullptr;
  support::Counter* frames_sent = nullptr;
  support::Counter* frames_dropped = nullptr;
  support::Counter* overflow_closes = nullptr;
};

// Accepts the upgrade in `request` and serves the socket until it closes.
boost::asio::awaitable<void> run_websocket_session(boost::asio::ip::tcp::socket socket,
                                                   boost::beast::http::request<boost::beast::http::string_body> request,
                                                   api::WsEndpoint& endpoint, const WebSocketOptions& options,
                                                   ConnectionRegistry& connections, std::string client_address,
                                                   const WebSocketMetrics& metrics = {});

}  // namespace livedesk::net
