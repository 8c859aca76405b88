#pragma once
// One HTTP/1.1 connection as a coroutine: read a request (headers within the
// header timeout, body within the body limit), answer it through the router or
// the static files, log one JSON line, repeat while keep-alive holds.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "api/router.hpp"
#include <map>
#include <string>

#include "api/ws_connection.hpp"
#include "net/connection_registry.hpp"
#include "net/http_request_metrics.hpp"
#include "net/websocket_session.hpp"
#include "net/server.hpp"
#include "net/static_files.hpp"

namespace livedesk::net {

// What every session shares; owned by the Server, outlives all sessions.
struct SessionContext {
  const ServerOptions& options;
  const api::Router& router;
  const StaticFiles& static_files;
  ConnectionRegistry& connections;
  const std::map<std::string, api::WsEndpoint*>& websockets;  // path -> protocol
  const WebSocketOptions& websocket_options;
  // Metrics, all optional: requests by route, open HTTP connections, and per WebSocket path what its sockets record.
  const HttpRequestMetrics* requests = nullptr;
  support::Gauge* http_connections = nullptr;
  const std::map<std::string, WebSocketMetrics>* websocket_metrics = nullptr;
};

boost::asio::awaitable<void> run_http_session(boost::asio::ip::tcp::socket socket, SessionContext& context);

}  // namespace livedesk::net
