// A small blocking HTTP/1.1 client for the integration tests (Beast inside,
// one connection per request, 30 s deadline on every exchange), plus raw
// socket helpers for requests that are not valid HTTP. The request bytes and
// the result type are the testkit's, shared with the load generator.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "testkit/http_result.hpp"

namespace livedesk::it {

using Headers = testkit::Headers;
using HttpResult = testkit::HttpResult;

// Never throws for transport problems: they end up in HttpResult::error.
HttpResult try_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = "", const Headers& headers = {},
                       const std::string& source_address = "");

// Like try_request, but throws unless a complete response arrived.
HttpResult request(unsigned short port, const std::string& method, const std::string& target,
                   const std::string& body = "", const Headers& headers = {},
                   const std::string& source_address = "");

Headers bearer(const std::string& token);

std::string login_body(const std::string& username, const std::string& password);
HttpResult login_request(unsigned short port, const std::string& username, const std::string& password,
                         const std::string& source_address = "");
// Logs in and returns the access token; throws unless the answer is 200 with a token.
std::string login(unsigned short port, const std::string& username, const std::string& password);

// A raw TCP connection to 127.0.0.1:port.
class RawConnection {
 public:
  explicit RawConnection(unsigned short port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends all of `bytes`; false when the peer is gone.
  bool send(std::string_view bytes);
  // Reads until the peer closes the connection (EOF or reset) or `deadline`
  // passes. Returns whether it was closed; `received` gets everything read.
  bool wait_closed(std::chrono::milliseconds deadline, std::string* received = nullptr);

 private:
  int fd_ = -1;
};

// Sends `bytes`, then reads until the server closes the connection (30 s
// deadline; throws when it stays open). Returns everything received.
std::string raw_exchange(unsigned short port, std::string_view bytes);

// Parses the raw bytes of one HTTP response (as from raw_exchange).
HttpResult parse_raw_response(const std::string& bytes);

// A gtest predicate: `result` is a complete response with `status`, a JSON
// content type and exactly the contract's error shape with code `code`
// (any snake_case code when `code` is empty).
::testing::AssertionResult IsError(const HttpResult& result, int status, const std::string& code = "");
// Only the body shape: {"error": {"code": "<snake_case>", "message": "<non-empty>"}}.
::testing::AssertionResult HasErrorShape(const HttpResult& result);
// A complete response with this status.
::testing::AssertionResult HasStatus(const HttpResult& result, int status);

}  // namespace livedesk::it
