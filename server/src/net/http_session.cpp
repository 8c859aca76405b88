#include "net/http_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/url/parse.hpp>

#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "net/async_dispatch.hpp"
#include "support/json_log.hpp"

namespace livedesk::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// A streamed response's pull in flight: the chunk it brought, and the timer the session sleeps on until then
// (cancelled when the chunk arrives or the server stops). Touched only on the connection's strand.
struct PullWait {
  explicit PullWait(asio::any_io_executor executor) : wake(std::move(executor)) {}
  asio::steady_timer wake;
  std::optional<api::ResponseStream::Chunk> chunk;
};

// The stream plus what shutdown needs to know about it; shared with the registry's stop function.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;       // touched only on the connection's strand
  bool streaming = false;  // the same; a streamed response is never "in flight" for shutdown's sake
  std::shared_ptr<PullWait> pull;
};

struct Outcome {
  int status = 0;
  bool keep_alive = false;
  std::size_t slot = static_cast<std::size_t>(-1);  // HttpRequestMetrics slot; none when unknown
};

// Counts this connection in a gauge while it is an HTTP connection.
class HeldGauge {
 public:
  explicit HeldGauge(support::Gauge* gauge) : gauge_(gauge) {
    if (gauge_) gauge_->add(1);
  }
  ~HeldGauge() { release(); }
  HeldGauge(const HeldGauge&) = delete;
  HeldGauge& operator=(const HeldGauge&) = delete;
  void release() {
    if (gauge_) gauge_->add(-1);
    gauge_ = nullptr;
  }

 private:
  support::Gauge* gauge_;
};

void count_request(const SessionContext& context, std::size_t slot, int status) {
  if (context.requests) context.requests->count(slot, status);
}

http::response<http::string_body> to_beast(const api::Response& response, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(response.status), version};
  out.set(http::field::server, "livedesk");
  out.set(http::field::content_type, response.content_type);
  out.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : response.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  out.body() = response.body;
  out.prepare_payload();
  return out;
}

asio::awaitable<bool> write_api(beast::tcp_stream& stream, const api::Response& response, unsigned version,
                                bool keep_alive) {
  auto out = to_beast(response, version, keep_alive);
  auto [ec, _] = co_await http::async_write(stream, out, use_tuple);
  co_return !ec;
}

// Writes a streamed response (chunked): its body, then every chunk its stream gives, one at a time, each send
// bounded by the send timeout; a comment heartbeat while a pull waits. The connection closes after it.
asio::awaitable<void> write_stream(Connection& connection, const api::Response& response, unsigned version,
                                   const ServerOptions& options, ConnectionRegistry& connections) {
  auto& stream = connection.stream;
  beast::error_code ignored;
  stream.socket().set_option(asio::socket_base::send_buffer_size(options.stream_send_buffer), ignored);
  http::response<http::empty_body> head{static_cast<http::status>(response.status), version};
  head.set(http::field::server, "livedesk");
  head.set(http::field::content_type, response.content_type);
  head.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : response.headers) head.set(name, value);
  head.keep_alive(false);
  head.chunked(true);
  http::response_serializer<http::empty_body> serializer{head};
  const auto send = [&](std::string_view text) -> asio::awaitable<bool> {
    stream.expires_after(options.stream_send_timeout);
    const auto chunk = http::make_chunk(asio::buffer(text.data(), text.size()));
    auto [ec, _] = co_await asio::async_write(stream, chunk, use_tuple);
    stream.expires_never();
    co_return !ec;
  };
  api::ResponseStream& body = *response.stream;
  stream.expires_after(options.stream_send_timeout);
  auto [head_ec, _] = co_await http::async_write_header(stream, serializer, use_tuple);
  stream.expires_never();
  bool open = !head_ec && (response.body.empty() || co_await send(response.body));
  while (open && !connections.stopping()) {
    auto wait = std::make_shared<PullWait>(stream.get_executor());
    connection.pull = wait;
    body.pull([wait, executor = stream.get_executor()](api::ResponseStream::Chunk chunk) {
      asio::post(executor, [wait, chunk = std::move(chunk)]() mutable {
        wait->chunk = std::move(chunk);
        wait->wake.cancel();
      });
    });
    while (open && !wait->chunk && !connections.stopping()) {
      wait->wake.expires_after(body.idle_interval);
      co_await wait->wake.async_wait(use_tuple);
      if (!wait->chunk && !connections.stopping()) open = co_await send(body.idle_chunk());
    }
    connection.pull.reset();
    if (!wait->chunk) break;
    if (!*wait->chunk) {
      stream.expires_after(options.stream_send_timeout);
      co_await asio::async_write(stream, http::make_chunk_last(), use_tuple);
      stream.expires_never();
      co_return;
    }
    open = co_await send(**wait->chunk);
  }
  body.cancel();  // cut off, gone, or the server stops
}

// Answers a request the parser rejected, then the connection closes.
asio::awaitable<int> reject(beast::tcp_stream& stream, beast::error_code ec) {
  int status = 400;
  std::string_view code = "bad_request";
  std::string message = "malformed HTTP request: " + ec.message();
  if (ec == http::error::body_limit) {
    status = 413, code = "payload_too_large", message = "request body is too large (1 MiB; attachments 10 MiB)";
  } else if (ec == http::error::header_limit) {
    status = 431, code = "headers_too_large", message = "request headers are too large";
  }
  co_await write_api(stream, api::error_response(status, code, message), 11, false);
  co_return status;
}

asio::awaitable<Outcome> serve_static(beast::tcp_stream& stream, const http::request<http::string_body>& request,
                                      const std::string& path, const StaticFiles& files) {
  const bool keep_alive = request.keep_alive();
  auto found = files.resolve(path);
  beast::error_code ec;
  http::file_body::value_type body;
  if (found) body.open(found->path.c_str(), beast::file_mode::scan, ec);
  if (!found || ec) {
    co_await write_api(stream, api::error_response(404, "not_found", "no such file: " + api::printable_path(path)), request.version(),
                       keep_alive);
    co_return Outcome{404, keep_alive};
  }
  const auto size = body.size();
  http::response<http::file_body> out{std::piecewise_construct, std::make_tuple(std::move(body)),
                                      std::make_tuple(http::status::ok, request.version())};
  out.set(http::field::server, "livedesk");
  out.set(http::field::content_type, found->content_type);
  out.set("X-Content-Type-Options", "nosniff");
  out.content_length(size);
  out.keep_alive(keep_alive);
  if (request.method() == http::verb::head) {
    http::response_serializer<http::file_body> serializer{out};
    auto [write_ec, _] = co_await http::async_write_header(stream, serializer, use_tuple);
    co_return Outcome{200, keep_alive && !write_ec};
  }
  auto [write_ec, _] = co_await http::async_write(stream, out, use_tuple);
  co_return Outcome{200, keep_alive && !write_ec};
}

// After rejecting a request whose body is still arriving, read and drop what
// the client sends for a moment, so closing does not reset the connection
// before the client has read the error.
asio::awaitable<void> linger(beast::tcp_stream& stream) {
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.expires_after(std::chrono::seconds(2));
  std::array<char, 16 * 1024> sink;
  for (std::size_t total = 0; total < 4 * 1024 * 1024;) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
    if (ec) break;
    total += n;
  }
}

bool is_api_path(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

asio::awaitable<Outcome> answer(Connection& connection, http::request<http::string_body>& request,
                                const std::string& client_address, SessionContext& context, std::string& logged_path) {
  beast::tcp_stream& stream = connection.stream;
  const bool keep_alive = request.keep_alive();
  auto target = boost::urls::parse_origin_form(request.target());
  const auto slot = [&context](std::size_t (HttpRequestMetrics::*which)() const) {
    return context.requests ? (context.requests->*which)() : static_cast<std::size_t>(-1);
  };
  if (!target) {
    co_await write_api(stream, api::error_response(400, "bad_request", "malformed request target"),
                       request.version(), false);
    co_return Outcome{400, false, slot(&HttpRequestMetrics::rejected)};
  }
  std::string path = target->path();
  logged_path = path;
  const bool get_like = request.method() == http::verb::get || request.method() == http::verb::head;
  if (!is_api_path(path) && get_like) {
    Outcome served = co_await serve_static(stream, request, path, context.static_files);
    served.slot = slot(&HttpRequestMetrics::static_files);
    co_return served;
  }

  // The widget runs on customers' own sites: the customer API answers any
  // origin (bearer tokens, no cookies, so nothing ambient leaks).
  const bool cross_origin = path.starts_with("/api/v1/chat/");
  if (cross_origin && request.method() == http::verb::options) {
    api::Response preflight;
    preflight.status = 204;
    preflight.headers = {{"Access-Control-Allow-Origin", "*"},
                         {"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
                         {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
                         {"Access-Control-Max-Age", "600"}};
    const bool ok = co_await write_api(stream, preflight, request.version(), keep_alive);
    co_return Outcome{204, keep_alive && ok, slot(&HttpRequestMetrics::preflight)};
  }
  api::Request api_request;
  api_request.method = std::string(request.method_string());
  api_request.path = std::move(path);
  api_request.query = std::string(target->encoded_query());
  api_request.authorization = std::string(request[http::field::authorization]);
  api_request.content_type = std::string(request[http::field::content_type]);
  api_request.accept = std::string(request[http::field::accept]);
  api_request.last_event_id = std::string(request["Last-Event-ID"]);
  api_request.body = std::move(request.body());
  api_request.client_address = client_address;
  std::size_t dispatched = api::Router::no_route;
  api::Response response =
      co_await async_dispatch(context.router, std::move(api_request), asio::use_awaitable, &dispatched);
  if (cross_origin) response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  if (response.stream) {
    connection.streaming = true;
    co_await write_stream(connection, response, request.version(), context.options, context.connections);
    co_return Outcome{response.status, false};
  }
  const bool ok = co_await write_api(stream, response, request.version(), keep_alive);
  co_return Outcome{response.status, keep_alive && ok,
                    context.requests ? context.requests->routed(dispatched) : static_cast<std::size_t>(-1)};
}

void log_request(std::string_view method, std::string_view path, int status,
                 std::chrono::steady_clock::time_point started, const std::string& client) {
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  support::log_event(spdlog::level::info, "request",
                     {{"method", method}, {"path", path}, {"status", status},
                      {"duration_us", us}, {"client", client}});
}
}  // namespace

asio::awaitable<void> run_http_session(tcp::socket socket, SessionContext& context) {
  beast::error_code ignored;
  const auto peer = socket.remote_endpoint(ignored);
  const std::string client_address = ignored ? "" : peer.address().to_string();
  auto connection = std::make_shared<Connection>(std::move(socket));
  auto executor = connection->stream.get_executor();
  const auto id = context.connections.add([weak = std::weak_ptr<Connection>(connection), executor] {
    asio::post(executor, [weak] {
      auto c = weak.lock();
      if (!c) return;
      if (c->pull) c->pull->wake.cancel();
      if (!c->busy || c->streaming) c->stream.socket().close();
    });
  });
  if (id == 0) co_return;  // shutting down: not taking new connections
  HeldGauge open(context.http_connections);

  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    // Headers are read under the largest limit any route allows; the route's own limit is applied below.
    const std::size_t largest = std::max(context.options.body_limit, context.options.largest_body_limit);
    parser.body_limit(largest);
    parser.header_limit(16 * 1024);
    connection->stream.expires_after(context.options.header_timeout);
    auto [ec, _] = co_await http::async_read_header(connection->stream, buffer, parser, use_tuple);
    const auto started = std::chrono::steady_clock::now();
    if (!ec) {
      connection->busy = true;
      std::size_t limit = context.options.body_limit;
      if (context.options.large_body_limit) {
        auto target = boost::urls::parse_origin_form(parser.get().target());
        const auto larger = target ? context.options.large_body_limit(parser.get().method_string(), target->path()) : 0;
        if (larger > 0) limit = larger;
      }
      if (parser.content_length() && *parser.content_length() > limit) {
        ec = http::error::body_limit;
      } else {
        parser.body_limit(limit);
      }
    }
    if (!ec) {
      connection->stream.expires_after(context.options.body_timeout);
      std::tie(ec, _) = co_await http::async_read(connection->stream, buffer, parser, use_tuple);
    }
    if (ec) {
      // Clean end, idle timeout, or shutdown closing an idle socket: nothing to answer.
      if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
          ec == asio::error::bad_descriptor || ec == asio::error::connection_reset || ec == asio::error::eof ||
          (!parser.got_some() && !connection->busy))
        break;
      connection->busy = true;
      const int status = co_await reject(connection->stream, ec);
      log_request("-", "-", status, started, client_address);
      if (context.requests) count_request(context, context.requests->rejected(), status);
      co_await linger(connection->stream);
      break;
    }
    auto request = parser.release();
    if (beast::websocket::is_upgrade(request)) {
      auto target = boost::urls::parse_origin_form(request.target());
      auto endpoint = target ? context.websockets.find(std::string(target->path())) : context.websockets.end();
      if (endpoint != context.websockets.end()) {
        log_request("WS", std::string(target->path()), 101, started, client_address);
        if (context.requests) count_request(context, context.requests->websocket(), 101);
        context.connections.remove(id);
        open.release();  // from here it counts as a WebSocket of its kind
        connection->stream.expires_never();
        static const WebSocketMetrics none;
        const WebSocketMetrics* metrics = &none;
        if (context.websocket_metrics)
          if (auto found = context.websocket_metrics->find(endpoint->first); found != context.websocket_metrics->end())
            metrics = &found->second;
        co_await run_websocket_session(connection->stream.release_socket(), std::move(request), *endpoint->second,
                                       context.websocket_options, context.connections, client_address, *metrics);
        co_return;
      }
    }
    const std::string method(request.method_string());
    std::string path(request.target());
    connection->stream.expires_never();  // the router's answer may take a moment; the store bounds it
    Outcome outcome = co_await answer(*connection, request, client_address, context, path);
    log_request(method, path, outcome.status, started, client_address);
    count_request(context, outcome.slot, outcome.status);
    connection->busy = false;
    if (!outcome.keep_alive || context.connections.stopping()) break;
  }
  connection->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  connection->stream.socket().close(ignored);
  context.connections.remove(id);
}

}  // namespace livedesk::net
