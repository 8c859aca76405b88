// One client WebSocket on C++20 coroutines: the engine under both the load
// generator's thousands of sockets and the integration tests' blocking
// WsClient (which runs it on its own io thread).
//
// Cheap per frame: each frame reaches on_frame as a view into the read buffer
// (valid only during the call), writes queue in order behind one write loop.
// Single-threaded: every call, and every callback, runs on the executor of
// the socket it was made from; no strands, no locks. Owned by shared_ptr: the
// read and write loops keep it alive while they run.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace livedesk::testkit {

// A client WebSocket connection with a frame callback and an ordered send queue.
class WsConnection : public std::enable_shared_from_this<WsConnection> {
 public:
  struct Options {
    std::chrono::seconds handshake_timeout{30};  // the upgrade, and later the close handshake
    bool auto_fragment = true;
    std::size_t read_message_max = 64u << 20;
  };
  // Called with true when the frame was written, false when it was not.
  using WriteDone = std::function<void(bool written)>;

  // A connected TCP socket, not yet upgraded.
  WsConnection(boost::asio::ip::tcp::socket socket, Options options);

  // The upgrade request for `path`; `response` (when given) gets the server's
  // answer, so a refused upgrade can be explained. Empty error code on success.
  boost::asio::awaitable<boost::system::error_code> handshake(std::string host, std::string path,
                                                              boost::beast::websocket::response_type* response = {});
  // Starts the read loop: every frame goes to on_frame, then on_close once the
  // connection ended (close frame, error, drop()); both are cleared after that.
  void start();

  std::function<void(std::string_view frame, bool binary)> on_frame;
  std::function<void()> on_close;

  void send(std::string payload, bool binary = false, WriteDone done = {});
  // `bytes` straight to the TCP socket, past the WebSocket framing.
  void send_raw(std::string bytes, WriteDone done = {});
  // Graceful close with `code` (sent once).
  void close(boost::beast::websocket::close_code code = boost::beast::websocket::close_code::normal);
  // Shuts the TCP connection down without a close handshake; on_close still follows.
  void drop();
  // Abrupt loss: RST, no close handshake (a dropped network, a killed tab). The
  // owner is done with it: on_frame and on_close are cleared and not called.
  void reset();

  bool is_open() const { return open_; }
  std::uint64_t frames_in() const { return frames_in_; }
  std::uint64_t bytes_in() const { return bytes_in_; }
  // The server's close code, 0 when no close frame came.
  int close_code() const { return close_code_; }
  // Why the read loop ended, "" when by a close frame.
  const std::string& close_error() const { return close_error_; }

 private:
  enum class Kind : std::uint8_t { text, binary, raw };
  struct Out {
    std::string payload;
    Kind kind = Kind::text;
    WriteDone done;
  };
  void enqueue(Out out);
  static boost::asio::awaitable<void> read_loop(std::shared_ptr<WsConnection> self);
  static boost::asio::awaitable<void> write_loop(std::shared_ptr<WsConnection> self);

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  Options options_;
  std::deque<Out> out_;
  bool open_ = false;
  bool writing_ = false;
  bool close_sent_ = false;
  std::uint64_t frames_in_ = 0, bytes_in_ = 0;
  int close_code_ = 0;
  std::string close_error_;
};

}  // namespace livedesk::testkit
