#include "net/websocket_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <mutex>

#include "realtime/frame_queue.hpp"
#include "support/json_log.hpp"

namespace livedesk::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

class Session final : public api::WsConnection, public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const WebSocketOptions& options, std::string client_address,
          const WebSocketMetrics& metrics)
      : ws_(std::move(socket)),
        options_(options),
        metrics_(metrics),
        queue_(options.max_queued_bytes),
        auth_timer_(ws_.get_executor()),
        idle_timer_(ws_.get_executor()),
        client_address_(std::move(client_address)) {}

  websocket::stream<beast::tcp_stream>& stream() { return ws_; }

  void send(const realtime::Frame& frame) override { enqueue(frame, 0); }
  void send_latest(const realtime::Frame& frame, int key) override { enqueue(frame, key); }

  void enqueue(const realtime::Frame& frame, int key) {
    bool start_writing = false;
    bool overflow = false;
    {
      std::lock_guard lock(mutex_);
      if (closing_) return count(metrics_.frames_dropped);
      // While a write is in progress the first queued frame is on the wire and must stay.
      if (!queue_.push_latest(frame, key, writing_)) {
        overflowed_ = overflow = true;
        count(metrics_.frames_dropped);
      } else if (!writing_) {
        writing_ = start_writing = true;
      }
    }
    if (overflow) {
      close(1008, "client too slow: outgoing queue over limit");
      return;
    }
    if (start_writing) asio::post(ws_.get_executor(), [self = shared_from_this()] { self->write_next(); });
  }

  void close(int code, std::string reason) override {
    bool close_now = false;
    bool overflow = false;
    {
      std::lock_guard lock(mutex_);
      if (closing_) return;
      closing_ = true;
      close_code_ = code;
      close_reason_ = std::move(reason);
      overflow = overflowed_;
      // A slow client gets no more of its backlog; the frame being written stays (Beast owns its buffer).
      while (overflow && queue_.bytes() > 0 && !writing_) {
        queue_.pop();
        count(metrics_.frames_dropped);
      }
      close_now = !writing_;
      if (close_now) writing_ = true;
    }
    if (overflow) {
      count(metrics_.overflow_closes);
      support::log_event(spdlog::level::warn, "websocket_overflow", {{"client", client_address_}});
    }
    if (close_now) asio::post(ws_.get_executor(), [self = shared_from_this()] { self->write_next(); });
  }

  void authenticated() override {
    asio::post(ws_.get_executor(), [self = shared_from_this()] {
      self->authenticated_ = true;
      self->auth_timer_.cancel();
    });
  }

  const std::string& client_address() const override { return client_address_; }

  asio::awaitable<void> run(std::shared_ptr<api::WsHandler> handler) {
    handler_ = std::move(handler);
    start_auth_timer();
    touch();
    beast::flat_buffer buffer;
    for (;;) {
      auto [ec, n] = co_await ws_.async_read(buffer, use_tuple);
      if (ec) break;
      touch();
      if (ws_.got_text()) {
        handler_->on_text(std::string_view(static_cast<const char*>(buffer.data().data()), buffer.size()));
      } else {
        handler_->on_binary();
      }
      buffer.consume(buffer.size());
    }
    auth_timer_.cancel();
    idle_timer_.cancel();
    handler_->on_closed();
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    handler_.reset();  // breaks the handler -> connection -> handler cycle
  }

 private:
  // Runs on the strand: writes the next queued frame, or the close frame once the queue is empty.
  void write_next() {
    realtime::Frame frame;
    {
      std::lock_guard lock(mutex_);
      if (queue_.empty()) {
        if (closing_ && !close_sent_) {
          close_sent_ = true;
          websocket::close_reason reason(static_cast<websocket::close_code>(close_code_), close_reason_);
          ws_.async_close(reason, [self = shared_from_this()](beast::error_code) {});
        }
        writing_ = false;
        return;
      }
      frame = queue_.front();
    }
    ws_.text(true);
    ws_.async_write(asio::buffer(frame->text), [self = shared_from_this(), frame](beast::error_code ec, std::size_t) {
      {
        std::lock_guard lock(self->mutex_);
        self->queue_.pop();
        count(ec ? self->metrics_.frames_dropped : self->metrics_.frames_sent);
        if (ec) {
          self->closing_ = true;
          self->close_sent_ = true;
          while (!self->queue_.empty()) {
            self->queue_.pop();
            count(self->metrics_.frames_dropped);
          }
        }
      }
      self->write_next();
    });
  }

  void start_auth_timer() {
    auth_timer_.expires_after(options_.auth_timeout);
    auth_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && !self->authenticated_ && self->handler_) self->handler_->on_auth_timeout();
    });
  }

  // Any client frame restarts the inactivity deadline.
  void touch() {
    idle_timer_.expires_after(options_.idle_timeout);
    idle_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->close(1000, "idle for too long");
    });
  }

  static void count(support::Counter* counter) {
    if (counter) counter->inc();
  }

  websocket::stream<beast::tcp_stream> ws_;
  const WebSocketOptions& options_;
  const WebSocketMetrics metrics_;
  std::mutex mutex_;  // guards the queue and the flags below it
  realtime::FrameQueue queue_;
  bool writing_ = false;
  bool closing_ = false;
  bool close_sent_ = false;
  bool overflowed_ = false;
  int close_code_ = 1000;
  std::string close_reason_;
  // Strand-only state.
  asio::steady_timer auth_timer_;
  asio::steady_timer idle_timer_;
  bool authenticated_ = false;
  std::shared_ptr<api::WsHandler> handler_;
  std::string client_address_;
};
}  // namespace

asio::awaitable<void> run_websocket_session(tcp::socket socket, beast::http::request<beast::http::string_body> request,
                                            api::WsEndpoint& endpoint, const WebSocketOptions& options,
                                            ConnectionRegistry& connections, std::string client_address,
                                            const WebSocketMetrics& metrics) {
  auto session = std::make_shared<Session>(std::move(socket), options, std::move(client_address), metrics);
  auto& ws = session->stream();
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(beast::http::field::server, "livedesk"); }));
  ws.read_message_max(options.max_frame_bytes);
  auto [ec] = co_await ws.async_accept(request, use_tuple);
  if (ec) co_return;
  if (metrics.open) metrics.open->add(1);
  const auto id = connections.add(
      [weak = std::weak_ptr<Session>(session)] {
        if (auto s = weak.lock()) s->close(1001, "server shutting down");
      },
      [weak = std::weak_ptr<Session>(session)] {
        if (auto s = weak.lock()) s->close(1012, "reconnect and resume");
      });
  if (id == 0) session->close(1001, "server shutting down");
  auto handler = endpoint.open(session);
  co_await session->run(std::move(handler));
  connections.remove(id);
  if (metrics.open) metrics.open->add(-1);
}

}  // namespace livedesk::net
