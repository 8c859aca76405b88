#pragma once
// Transport-neutral HTTP request and response, so REST handlers are plain
// functions of JSON in and JSON out that never see Boost.Beast.
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace livedesk::api {

// One parsed HTTP request, as net/ hands it over.
struct Request {
  std::string method;          // "GET", "POST", ...
  std::string path;            // percent-decoded path, no query
  std::string query;           // raw query string without '?'
  std::string authorization;   // the Authorization header, may be empty
  std::string content_type;
  std::string body;
  std::string client_address;  // peer IP, for rate limits and the audit log
};

// One HTTP response; net/ serializes it.
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Completes a request. Handlers may call it from any thread, exactly once.
using Responder = std::function<void(Response)>;

}  // namespace livedesk::api
