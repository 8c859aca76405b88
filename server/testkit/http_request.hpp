// How a test client writes one HTTP/1.1 request: method (any token, also
// ones Beast does not know), target, a JSON body, extra headers. Shared by the
// blocking client of the integration tests and HttpConnection, so both send
// the same bytes for the same call.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

#include "testkit/http_result.hpp"

namespace livedesk::testkit {

struct RequestLine {
  std::string_view host;        // the Host header, e.g. "127.0.0.1:8080"
  std::string_view user_agent;  // the User-Agent header
  bool keep_alive = false;      // HTTP/1.1 default when false: no Connection header either way
};

// Content-Type: application/json and a Content-Length whenever there is a body
// or the method is POST, PUT or PATCH; `headers` are set last (they win).
boost::beast::http::request<boost::beast::http::string_body> make_request(std::string_view method,
                                                                          std::string_view target,
                                                                          const std::string& body,
                                                                          const Headers& headers,
                                                                          const RequestLine& line);

}  // namespace livedesk::testkit
