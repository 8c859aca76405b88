#pragma once
// The network front: one TCP listener, HTTP/1.1 sessions on C++20 coroutines,
// a pool of io threads, and graceful shutdown on SIGINT/SIGTERM (stop
// accepting, close idle connections, let in-flight requests answer). run()
// returns once every connection is gone; the caller then drains the store.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <map>
#include <vector>

#include "api/router.hpp"
#include "api/ws_connection.hpp"
#include "net/websocket_session.hpp"
#include "net/static_files.hpp"
#include "support/metrics/server_metrics.hpp"

namespace livedesk::net {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8000;          // 0 picks a free port; the "listening" log line says which
  int io_threads = 2;
  std::size_t body_limit = 1024 * 1024;
  // Larger bodies for the few routes that take files: (method, path) -> limit, or 0 for body_limit.
  std::function<std::size_t(std::string_view method, std::string_view path)> large_body_limit;
  std::size_t largest_body_limit = 0;  // the most large_body_limit ever returns
  std::chrono::milliseconds header_timeout{10'000};  // slow or idle clients are dropped after this
  std::chrono::milliseconds body_timeout{30'000};
  WebSocketOptions websocket;
  // Streamed responses (SSE): a chunk whose send does not complete in `stream_send_timeout` cuts the consumer
  // off; the socket's kernel send buffer is capped at `stream_send_buffer` bytes (one chunk waits in memory).
  std::chrono::milliseconds stream_send_timeout{10'000};
  int stream_send_buffer = 64 * 1024;
  std::map<std::string, api::WsEndpoint*> websocket_endpoints;  // path -> protocol; endpoints outlive the server
  // Work run about every `interval` on an io thread while serving (deadline
  // checks, coalesced snapshots). It must not block.
  struct Periodic {
    std::chrono::milliseconds interval;
    std::function<void()> run;
  };
  std::vector<Periodic> periodic;
  // Called once when shutdown begins (a signal or request_stop), before connections are closed: lets
  // requests that wait for something (long-polls) answer now.
  std::function<void()> on_stopping;
  // Called once the listener is bound, with its port (before serving starts).
  std::function<void(std::uint16_t port)> on_listening;
  // Where connections, frames and requests are counted (optional; outlives the server).
  support::ServerMetrics* metrics = nullptr;
  std::map<std::string, std::string> websocket_kinds;  // WebSocket path -> its connections' kind label
  // A second listener serving only GET /metrics (--metrics-bind); its port is logged as "metrics_listening".
  struct MetricsListener {
    std::string bind_address;
    std::uint16_t port = 0;  // 0 picks a free port
    std::function<std::string()> scrape;
  };
  std::optional<MetricsListener> metrics_listener;
};

// Owns the io_context; see the file comment.
class Server {
 public:
  Server(ServerOptions options, const api::Router& router, const StaticFiles& static_files);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds (throws std::system_error when it cannot), serves until shutdown, returns.
  void run();
  // The port actually bound; valid once run() has logged "listening".
  std::uint16_t bound_port() const;
  // The metrics listener's port, once bound (0 without one).
  std::uint16_t metrics_port() const;
  // Begins graceful shutdown, as a signal would. Safe from any thread.
  void request_stop();
  // Asks every WebSocket client to reconnect (close 1012): they resume by seq
  // from the database. Safe from any thread; returns how many were asked.
  std::size_t restart_websockets();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace livedesk::net
