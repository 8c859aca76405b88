// The load generator's HTTP and WebSocket clients: the testkit's (shared with
// the integration tests), dialled through the process's LoopbackDialer.
// Called on the process's io_context thread only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>

#include "testkit/http_connection.hpp"
#include "testkit/ws_connection.hpp"

namespace livedesk::bench {

using testkit::HttpConnection;
using testkit::HttpResult;
using testkit::WsConnection;

// A keep-alive HTTP connection to the servers (not connected until its first request).
HttpConnection http_connection();
// An upgraded WebSocket on `path`, not yet reading (start() it after setting
// the callbacks); nullptr when the connection or the upgrade failed.
boost::asio::awaitable<std::shared_ptr<WsConnection>> open_websocket(std::string path);

}  // namespace livedesk::bench
