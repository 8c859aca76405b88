#pragma once
// The seam between a WebSocket transport (net/) and a protocol (api/): net
// implements WsConnection for each socket and feeds a WsHandler that an
// WsEndpoint creates. Neither side sees the other's types.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "realtime/subscriber.hpp"

namespace livedesk::api {

// One open socket, as a protocol sees it. All methods are safe from any thread.
class WsConnection : public realtime::Subscriber {
 public:
  // Queues a frame (deliver() does the same); a full queue closes the socket.
  virtual void send(const realtime::Frame& frame) = 0;
  // A snapshot that a newer one with the same key may replace while queued.
  virtual void send_latest(const realtime::Frame& frame, int key) = 0;
  // Closes after the frames already queued; later sends are dropped.
  virtual void close(int code, std::string reason) = 0;
  // Stops the authentication deadline.
  virtual void authenticated() = 0;
  virtual const std::string& client_address() const = 0;
  void deliver(const realtime::Frame& frame) override { send(frame); }
  void deliver_latest(const realtime::Frame& frame, int key) override { send_latest(frame, key); }
};

// A protocol's side of one socket. Calls come from the socket's strand, one at a time.
class WsHandler {
 public:
  virtual ~WsHandler() = default;
  virtual void on_text(std::string_view text) = 0;
  virtual void on_binary() = 0;
  // The authentication deadline passed without authenticated().
  virtual void on_auth_timeout() = 0;
  // The socket is gone (any reason); release subscriptions.
  virtual void on_closed() = 0;
};

// Creates the handler for each new socket on one path.
class WsEndpoint {
 public:
  virtual ~WsEndpoint() = default;
  virtual std::shared_ptr<WsHandler> open(std::shared_ptr<WsConnection> connection) = 0;
};

}  // namespace livedesk::api
