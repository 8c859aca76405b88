#include "testkit/ws_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/error.hpp>

namespace livedesk::testkit {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
}  // namespace

WsConnection::WsConnection(asio::ip::tcp::socket socket, Options options)
    : ws_(std::move(socket)), options_(options) {}

asio::awaitable<boost::system::error_code> WsConnection::handshake(std::string host, std::string path,
                                                                   websocket::response_type* response) {
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = options_.handshake_timeout;
  timeouts.idle_timeout = websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  ws_.set_option(timeouts);
  ws_.read_message_max(options_.read_message_max);
  ws_.auto_fragment(options_.auto_fragment);
  websocket::response_type ignored;
  auto [ec] = co_await ws_.async_handshake(response ? *response : ignored, host, path, use_tuple);
  open_ = !ec;
  co_return ec;
}

void WsConnection::start() { asio::co_spawn(ws_.get_executor(), read_loop(shared_from_this()), asio::detached); }

asio::awaitable<void> WsConnection::read_loop(std::shared_ptr<WsConnection> self) {
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await self->ws_.async_read(buffer, use_tuple);
    if (ec) {
      if (ec != websocket::error::closed) self->close_error_ = ec.message();
      break;
    }
    const std::string_view frame(static_cast<const char*>(buffer.data().data()), buffer.size());
    ++self->frames_in_;
    self->bytes_in_ += frame.size();
    if (self->on_frame) self->on_frame(frame, !self->ws_.got_text());
    buffer.consume(buffer.size());
  }
  self->open_ = false;
  self->close_code_ = self->ws_.reason().code;
  if (self->on_close) self->on_close();
  self->on_frame = nullptr;
  self->on_close = nullptr;
}

void WsConnection::send(std::string payload, bool binary, WriteDone done) {
  enqueue(Out{std::move(payload), binary ? Kind::binary : Kind::text, std::move(done)});
}

void WsConnection::send_raw(std::string bytes, WriteDone done) {
  enqueue(Out{std::move(bytes), Kind::raw, std::move(done)});
}

void WsConnection::enqueue(Out out) {
  if (!open_) {
    if (out.done) out.done(false);
    return;
  }
  out_.push_back(std::move(out));
  if (!writing_) {
    writing_ = true;
    asio::co_spawn(ws_.get_executor(), write_loop(shared_from_this()), asio::detached);
  }
}

asio::awaitable<void> WsConnection::write_loop(std::shared_ptr<WsConnection> self) {
  while (!self->out_.empty() && self->open_) {
    Out& item = self->out_.front();  // deque: stays put while later sends push behind it
    boost::system::error_code ec;
    if (item.kind == Kind::raw) {
      auto [wec, n] = co_await asio::async_write(beast::get_lowest_layer(self->ws_).socket(),
                                                 asio::buffer(item.payload), use_tuple);
      ec = wec;
    } else {
      self->ws_.binary(item.kind == Kind::binary);
      auto [wec, n] = co_await self->ws_.async_write(asio::buffer(item.payload), use_tuple);
      ec = wec;
    }
    Out done = std::move(self->out_.front());
    self->out_.pop_front();
    if (done.done) done.done(!ec);
    if (ec) break;
  }
  // A failed stream takes no more writes; what was queued behind is not written.
  for (auto& left : self->out_)
    if (left.done) left.done(false);
  self->out_.clear();
  self->writing_ = false;
}

void WsConnection::close(websocket::close_code code) {
  if (close_sent_ || !open_) return;
  close_sent_ = true;
  asio::co_spawn(
      ws_.get_executor(),
      [self = shared_from_this(), code]() -> asio::awaitable<void> {
        co_await self->ws_.async_close(code, use_tuple);
      },
      asio::detached);
}

void WsConnection::drop() {
  auto& socket = beast::get_lowest_layer(ws_).socket();
  boost::system::error_code ignored;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

void WsConnection::reset() {
  open_ = false;
  on_frame = nullptr;
  on_close = nullptr;
  auto& socket = beast::get_lowest_layer(ws_).socket();
  boost::system::error_code ignored;
  socket.set_option(asio::socket_base::linger(true, 0), ignored);
  socket.close(ignored);
}

}  // namespace livedesk::testkit
