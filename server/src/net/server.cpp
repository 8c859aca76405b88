#include "net/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <atomic>
#include <thread>
#include <vector>

#include "net/connection_registry.hpp"
#include "net/http_session.hpp"
#include "net/metrics_listener.hpp"
#include "support/json_log.hpp"

namespace livedesk::net {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::State {
  State(ServerOptions o, const api::Router& router, const StaticFiles& files)
      : options(std::move(o)),
        acceptor(asio::make_strand(io)),
        metrics_acceptor(acceptor.get_executor()),
        signals(acceptor.get_executor(), SIGINT, SIGTERM),
        context{options, router, files, connections, options.websocket_endpoints, options.websocket} {
    if (auto* metrics = options.metrics) {
      requests.emplace(metrics->http_requests, router);
      context.requests = &*requests;
      context.http_connections = &metrics->open_connections.with({"http"});
      for (const auto& [path, kind] : options.websocket_kinds)
        websocket_metrics[path] = {&metrics->open_connections.with({kind}),
                                   &metrics->websocket_frames_sent.with({kind}),
                                   &metrics->websocket_frames_dropped.with({kind}),
                                   &metrics->websocket_overflow_closes.with({kind})};
      context.websocket_metrics = &websocket_metrics;
    }
  }

  ServerOptions options;
  asio::io_context io;
  std::optional<HttpRequestMetrics> requests;
  std::map<std::string, WebSocketMetrics> websocket_metrics;
  // The acceptor and the signal set share a strand, and each timer has one of its own: stop() closes and
  // cancels them from whichever thread it runs on, while their loops run on any io thread.
  tcp::acceptor acceptor;
  tcp::acceptor metrics_acceptor;  // open only with options.metrics_listener
  asio::signal_set signals;
  ConnectionRegistry connections;
  std::vector<std::unique_ptr<asio::steady_timer>> timers;  // one per periodic task, filled before io.run()
  SessionContext context;
  std::atomic<std::uint16_t> port{0};
  std::atomic<std::uint16_t> metrics_port{0};
  std::atomic<bool> stopping{false};

  void stop() {
    if (stopping.exchange(true)) return;
    if (options.on_stopping) options.on_stopping();
    support::log_event(spdlog::level::info, "shutdown", {{"open_connections", connections.size()}});
    asio::post(acceptor.get_executor(), [this] {
      boost::system::error_code ignored;
      acceptor.close(ignored);
      metrics_acceptor.close(ignored);
      signals.cancel(ignored);
      for (auto& timer : timers) asio::post(timer->get_executor(), [&timer = *timer] { timer.cancel(); });
    });
    connections.stop_all();
  }

  asio::awaitable<void> periodic_loop(asio::steady_timer& timer, const ServerOptions::Periodic& task) {
    while (!stopping) {
      timer.expires_after(task.interval);
      auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      if (ec || stopping) co_return;
      task.run();
    }
  }

  asio::awaitable<void> metrics_accept_loop() {
    for (;;) {
      auto [ec, socket] =
          co_await metrics_acceptor.async_accept(asio::make_strand(io), asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (!metrics_acceptor.is_open()) co_return;
        asio::steady_timer pause(io, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor,
                     run_metrics_session(std::move(socket), options.metrics_listener->scrape, connections,
                                         options.header_timeout),
                     asio::detached);
    }
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (!acceptor.is_open()) co_return;
        // Out of file descriptors and the like: log, back off briefly, keep serving.
        support::log_event(spdlog::level::warn, "accept_failed", {{"error", ec.message()}});
        asio::steady_timer pause(io, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
        continue;
      }
      // Chat frames are small and latency-bound: no Nagle delay waiting on delayed ACKs.
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto executor = socket.get_executor();
      asio::co_spawn(executor, run_http_session(std::move(socket), context), asio::detached);
    }
  }
};

Server::Server(ServerOptions options, const api::Router& router, const StaticFiles& static_files)
    : state_(std::make_unique<State>(std::move(options), router, static_files)) {}

Server::~Server() = default;

std::uint16_t Server::bound_port() const { return state_->port.load(); }

std::uint16_t Server::metrics_port() const { return state_->metrics_port.load(); }

void Server::request_stop() { state_->stop(); }

std::size_t Server::restart_websockets() { return state_->connections.restart_all(); }

void Server::run() {
  State& s = *state_;
  const tcp::endpoint endpoint(asio::ip::make_address(s.options.bind_address), s.options.port);
  s.acceptor.open(endpoint.protocol());
  s.acceptor.set_option(asio::socket_base::reuse_address(true));
  s.acceptor.bind(endpoint);
  s.acceptor.listen(asio::socket_base::max_listen_connections);
  s.port = s.acceptor.local_endpoint().port();
  if (const auto& listener = s.options.metrics_listener) {
    const tcp::endpoint metrics_endpoint(asio::ip::make_address(listener->bind_address), listener->port);
    s.metrics_acceptor.open(metrics_endpoint.protocol());
    s.metrics_acceptor.set_option(asio::socket_base::reuse_address(true));
    s.metrics_acceptor.bind(metrics_endpoint);
    s.metrics_acceptor.listen(asio::socket_base::max_listen_connections);
    s.metrics_port = s.metrics_acceptor.local_endpoint().port();
    support::log_event(spdlog::level::info, "metrics_listening",
                       {{"address", listener->bind_address}, {"port", s.metrics_port.load()}});
  }
  support::log_event(spdlog::level::info, "listening",
                     {{"address", s.options.bind_address}, {"port", s.port.load()}});
  if (s.options.on_listening) s.options.on_listening(s.port.load());

  s.signals.async_wait([&s](boost::system::error_code ec, int signal) {
    if (ec) return;
    support::log_event(spdlog::level::info, "signal", {{"signal", signal}});
    s.stop();
  });
  asio::co_spawn(s.acceptor.get_executor(), s.accept_loop(), asio::detached);
  if (s.metrics_acceptor.is_open())
    asio::co_spawn(s.metrics_acceptor.get_executor(), s.metrics_accept_loop(), asio::detached);
  for (const auto& task : s.options.periodic) {
    s.timers.push_back(std::make_unique<asio::steady_timer>(asio::make_strand(s.io)));
    asio::co_spawn(s.timers.back()->get_executor(), s.periodic_loop(*s.timers.back(), task), asio::detached);
  }

  std::vector<std::thread> threads;
  for (int i = 1; i < std::max(1, s.options.io_threads); ++i) threads.emplace_back([&s] { s.io.run(); });
  s.io.run();
  for (auto& thread : threads) thread.join();
}

}  // namespace livedesk::net
