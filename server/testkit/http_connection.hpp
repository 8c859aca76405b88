// One keep-alive HTTP/1.1 connection on C++20 coroutines, for clients that
// make many requests cheaply (the load generator): requests run one after the
// other on the same socket, which is dialled again when the server closed it.
//
// The owner supplies the dialer (which address to bind and connect), so the
// connection knows nothing about where the server is. Single-threaded: every
// call runs on the io_context that the dialer's sockets belong to; no locks.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>
#include <functional>
#include <optional>
#include <string>

#include "testkit/http_result.hpp"

namespace livedesk::testkit {

// A keep-alive HTTP/1.1 client connection that requests run on one at a time.
class HttpConnection {
 public:
  using Dialer = std::function<boost::asio::awaitable<std::optional<boost::asio::ip::tcp::socket>>()>;
  // Told about every transport failure that a retry hides (for debug output).
  using TransportLog = std::function<void(const std::string& what)>;

  explicit HttpConnection(Dialer dial, std::string user_agent, std::string host = "127.0.0.1", TransportLog log = {});

  // Up to three attempts, each on a fresh connection after a transport failure;
  // a result with status 0 and `error` set when all three failed. `token` is
  // sent as a bearer token when not empty.
  boost::asio::awaitable<HttpResult> request(boost::beast::http::verb verb, std::string target,
                                             std::string body = {}, const std::string& token = {});
  void close() { stream_.reset(); }

 private:
  Dialer dial_;
  std::string user_agent_;
  std::string host_;
  TransportLog log_;
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace livedesk::testkit
