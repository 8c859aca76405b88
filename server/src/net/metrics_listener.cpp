#include "net/metrics_listener.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <memory>

#include "support/metrics/prometheus_text.hpp"

namespace livedesk::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

http::response<http::string_body> answer(const http::request<http::string_body>& request,
                                         const std::function<std::string()>& scrape) {
  auto reply = [&request](http::status status, std::string_view content_type, std::string body) {
    http::response<http::string_body> out{status, request.version()};
    out.set(http::field::server, "livedesk");
    out.set(http::field::content_type, content_type);
    out.set(http::field::cache_control, "no-store");
    out.keep_alive(request.keep_alive());
    out.body() = std::move(body);
    out.prepare_payload();
    return out;
  };
  auto target = boost::urls::parse_origin_form(request.target());
  if (!target || target->path() != "/metrics")
    return reply(http::status::not_found, "text/plain; charset=utf-8", "only /metrics is served here\n");
  const bool head = request.method() == http::verb::head;
  if (request.method() != http::verb::get && !head) {
    auto out = reply(http::status::method_not_allowed, "text/plain; charset=utf-8", "use GET\n");
    out.set(http::field::allow, "GET, HEAD");
    return out;
  }
  auto out = reply(http::status::ok, support::prometheus_content_type, scrape());
  if (head) {
    const auto length = out.body().size();
    out.body().clear();
    out.content_length(length);
  }
  return out;
}
}  // namespace

asio::awaitable<void> run_metrics_session(tcp::socket socket, const std::function<std::string()>& scrape,
                                          ConnectionRegistry& connections, std::chrono::milliseconds header_timeout) {
  auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
  auto executor = stream->get_executor();
  const auto id = connections.add([weak = std::weak_ptr<beast::tcp_stream>(stream), executor] {
    asio::post(executor, [weak] {
      if (auto s = weak.lock()) s->socket().close();
    });
  });
  if (id == 0) co_return;
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(8 * 1024);
    parser.body_limit(1024);
    stream->expires_after(header_timeout);
    auto [ec, _] = co_await http::async_read(*stream, buffer, parser, use_tuple);
    if (ec) break;
    const auto request = parser.release();
    auto response = answer(request, scrape);
    auto [write_ec, written] = co_await http::async_write(*stream, response, use_tuple);
    if (write_ec || !response.keep_alive() || connections.stopping()) break;
  }
  beast::error_code ignored;
  stream->socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream->socket().close(ignored);
  connections.remove(id);
}

}  // namespace livedesk::net
