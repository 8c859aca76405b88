// What one HTTP exchange of a test client produced: the response (status,
// headers, body, the body as JSON) or the transport failure.
//
// A plain value: built by whichever client made the exchange (the blocking
// one-shot client of the integration tests, HttpConnection of the load
// generator), then read by the caller on its own thread.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livedesk::testkit {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One HTTP response as a test client saw it.
struct HttpResult {
  int status = 0;
  Headers headers;  // as received
  std::string body;
  std::optional<boost::json::value> json;  // the body, when it parses as JSON
  // Transport outcome: empty when a complete response arrived.
  std::string error;
  // A response had begun arriving when the connection ended (never acceptable).
  bool truncated = false;

  // Status, headers, body and (when it parses) the JSON of a complete response.
  static HttpResult from(const boost::beast::http::response<boost::beast::http::string_body>& message);

  bool complete() const { return error.empty(); }
  // Case-insensitive; "" when absent.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  // error.code of a contract error body, "" when the body has none.
  std::string error_code() const;
  // The JSON body as an object (throws when the body is not a JSON object).
  const boost::json::object& object() const;
  // status, headers and body, for failure messages.
  std::string describe() const;
};

}  // namespace livedesk::testkit
