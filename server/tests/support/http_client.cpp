#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "testkit/http_request.hpp"

namespace livedesk::it {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {
constexpr auto kExchangeDeadline = 30s;

bool is_snake_case(std::string_view code) {
  if (code.empty() || !std::islower(static_cast<unsigned char>(code.front()))) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}
}  // namespace

HttpResult try_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body, const Headers& headers, const std::string& source_address) {
  HttpResult result;
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);

  const std::string host = "127.0.0.1:" + std::to_string(port);
  auto req =
      testkit::make_request(method, target, body, headers, testkit::RequestLine{host, "livedesk-integration-test"});

  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  if (method == "HEAD") parser.skip(true);
  beast::flat_buffer buffer;
  beast::error_code write_ec;
  beast::error_code read_ec;
  bool read_done = false;

  try {
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
    if (!source_address.empty()) {
      stream.socket().open(tcp::v4());
      stream.socket().bind(tcp::endpoint(asio::ip::make_address(source_address), 0));
    }
    stream.expires_after(kExchangeDeadline);
    stream.async_connect(endpoint, [&](beast::error_code ec) {
      if (ec) {
        result.error = "connect: " + ec.message();
        return;
      }
      // Write and read at once: a server may answer (413) before it has read the whole body.
      http::async_write(stream, req, [&](beast::error_code ec, std::size_t) { write_ec = ec; });
      http::async_read(stream, buffer, parser, [&](beast::error_code ec, std::size_t) {
        read_ec = ec;
        read_done = true;
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream.socket().close(ignored);  // ends a write the server no longer reads
      });
    });
    ioc.run();
  } catch (const std::exception& e) {
    result.error = std::string("client: ") + e.what();
    return result;
  }
  if (!result.error.empty()) return result;
  if (!read_done) {
    result.error = "no read completed";
    return result;
  }
  if (read_ec) {
    result.error = "read: " + read_ec.message() + (write_ec ? " (write: " + write_ec.message() + ")" : "");
    // Bytes of a response had arrived, but not all of it.
    result.truncated = read_ec == http::error::partial_message || parser.got_some();
    if (parser.is_header_done()) {
      result.status = static_cast<int>(parser.get().result_int());
      for (const auto& field : parser.get()) result.headers.emplace_back(field.name_string(), field.value());
      result.body = parser.get().body();
    }
    return result;
  }
  return HttpResult::from(parser.get());
}

HttpResult request(unsigned short port, const std::string& method, const std::string& target,
                   const std::string& body, const Headers& headers, const std::string& source_address) {
  auto result = try_request(port, method, target, body, headers, source_address);
  if (!result.complete())
    throw std::runtime_error(method + " " + target + " got no complete response: " + result.describe());
  return result;
}

Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

std::string login_body(const std::string& username, const std::string& password) {
  return json::serialize(json::object{{"username", username}, {"password", password}});
}

HttpResult login_request(unsigned short port, const std::string& username, const std::string& password,
                         const std::string& source_address) {
  return request(port, "POST", "/api/v1/auth/login", login_body(username, password), {}, source_address);
}

std::string login(unsigned short port, const std::string& username, const std::string& password) {
  const auto result = login_request(port, username, password);
  if (result.status != 200) throw std::runtime_error("login of " + username + " failed: " + result.describe());
  const auto* token = result.object().if_contains("access_token");
  if (!token || !token->is_string() || token->as_string().empty())
    throw std::runtime_error("login of " + username + " returned no access_token: " + result.describe());
  return std::string(token->as_string());
}

RawConnection::RawConnection(unsigned short port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error(std::string("connect: ") + std::strerror(error));
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawConnection::wait_closed(std::chrono::milliseconds deadline, std::string* received) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  char chunk[16384];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    if (ready <= 0) continue;
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return true;  // reset: closed as well
    }
    if (received) received->append(chunk, static_cast<std::size_t>(n));
  }
}

std::string raw_exchange(unsigned short port, std::string_view bytes) {
  RawConnection connection(port);
  connection.send(bytes);  // the server may close before taking everything; what it answered still counts
  std::string received;
  if (!connection.wait_closed(kExchangeDeadline, &received))
    throw std::runtime_error("the server kept the connection open for 30 s after a raw request; received:\n" +
                             received);
  return received;
}

HttpResult parse_raw_response(const std::string& bytes) {
  HttpResult result;
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  parser.put(asio::buffer(bytes), ec);
  if (ec == http::error::need_more) ec = {};
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) {
    result.error = ec ? ec.message() : "incomplete response";
    result.truncated = !bytes.empty();
    result.body = bytes;
    return result;
  }
  return HttpResult::from(parser.get());
}

::testing::AssertionResult HasStatus(const HttpResult& result, int status) {
  if (!result.complete()) return ::testing::AssertionFailure() << "no complete response:\n" << result.describe();
  if (result.status != status)
    return ::testing::AssertionFailure() << "expected status " << status << ", got:\n" << result.describe();
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult HasErrorShape(const HttpResult& result) {
  auto fail = [&](const std::string& why) {
    return ::testing::AssertionFailure() << why << ":\n" << result.describe();
  };
  if (!result.json) return fail("the body is not JSON");
  if (!result.json->is_object()) return fail("the body is not a JSON object");
  const auto& body = result.json->as_object();
  const auto* error = body.if_contains("error");
  if (!error || !error->is_object()) return fail("no \"error\" object");
  if (body.size() != 1) return fail("keys besides \"error\" at the top level");
  const auto* code = error->as_object().if_contains("code");
  if (!code || !code->is_string() || !is_snake_case(code->as_string())) return fail("error.code is not snake_case");
  const auto* message = error->as_object().if_contains("message");
  if (!message || !message->is_string() || message->as_string().empty())
    return fail("error.message is not a non-empty string");
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IsError(const HttpResult& result, int status, const std::string& code) {
  if (auto ok = HasStatus(result, status); !ok) return ok;
  if (result.header("Content-Type").find("application/json") == std::string::npos)
    return ::testing::AssertionFailure() << "the Content-Type is not application/json:\n" << result.describe();
  if (auto ok = HasErrorShape(result); !ok) return ok;
  if (!code.empty() && result.error_code() != code)
    return ::testing::AssertionFailure() << "expected error code " << code << ", got:\n" << result.describe();
  return ::testing::AssertionSuccess();
}

}  // namespace livedesk::it
