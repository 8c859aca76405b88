#include "testkit/http_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "testkit/http_request.hpp"

namespace livedesk::testkit {
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr int kAttempts = 3;
}  // namespace

HttpConnection::HttpConnection(Dialer dial, std::string user_agent, std::string host, TransportLog log)
    : dial_(std::move(dial)), user_agent_(std::move(user_agent)), host_(std::move(host)), log_(std::move(log)) {}

asio::awaitable<HttpResult> HttpConnection::request(http::verb verb, std::string target, std::string body,
                                                    const std::string& token) {
  Headers headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  HttpResult failed;
  failed.error = "no connection";
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (!stream_) {
      auto socket = co_await dial_();
      if (!socket) continue;
      stream_.emplace(std::move(*socket));
      buffer_.clear();
    }
    auto req = make_request(http::to_string(verb), target, body, headers,
                            RequestLine{host_, user_agent_, /*keep_alive=*/true});
    auto [wec, wn] = co_await http::async_write(*stream_, req, use_tuple);
    if (wec) {
      failed.error = "write: " + wec.message();
      if (log_) log_("http " + failed.error);
      stream_.reset();
      continue;
    }
    http::response<http::string_body> res;
    auto [rec, rn] = co_await http::async_read(*stream_, buffer_, res, use_tuple);
    if (rec) {
      failed.error = "read: " + rec.message();
      if (log_) log_("http " + failed.error);
      stream_.reset();
      continue;
    }
    if (!res.keep_alive()) stream_.reset();
    co_return HttpResult::from(res);
  }
  co_return failed;
}

}  // namespace livedesk::testkit
