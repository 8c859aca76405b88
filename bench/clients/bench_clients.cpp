#include "clients/bench_clients.hpp"

#include <iostream>

#include "clients/loopback_dialer.hpp"
#include "process/fatal.hpp"

namespace livedesk::bench {

HttpConnection http_connection() {
  HttpConnection::TransportLog log;
  if (debug_enabled()) log = [](const std::string& what) { std::cerr << what << "\n"; };
  return HttpConnection([] { return LoopbackDialer::instance().dial(); }, "livedesk-bench", "127.0.0.1",
                        std::move(log));
}

boost::asio::awaitable<std::shared_ptr<WsConnection>> open_websocket(std::string path) {
  auto socket = co_await LoopbackDialer::instance().dial();
  if (!socket) co_return nullptr;
  auto ws = std::make_shared<WsConnection>(std::move(*socket), WsConnection::Options{});
  if (co_await ws->handshake("127.0.0.1", path)) co_return nullptr;
  co_return ws;
}

}  // namespace livedesk::bench
