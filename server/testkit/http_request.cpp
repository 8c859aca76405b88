#include "testkit/http_request.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

namespace livedesk::testkit {
namespace http = boost::beast::http;

http::request<http::string_body> make_request(std::string_view method, std::string_view target,
                                              const std::string& body, const Headers& headers,
                                              const RequestLine& line) {
  http::request<http::string_body> req;
  const auto verb = http::string_to_verb(method);
  if (verb == http::verb::unknown)
    req.method_string(method);
  else
    req.method(verb);
  req.target(target);
  req.version(11);
  req.set(http::field::host, line.host);
  req.set(http::field::user_agent, line.user_agent);
  if (line.keep_alive) req.keep_alive(true);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }
  for (const auto& [name, value] : headers) req.set(name, value);
  return req;
}

}  // namespace livedesk::testkit
