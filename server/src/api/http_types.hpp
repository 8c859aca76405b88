#pragma once
// Transport-neutral HTTP request and response, so REST handlers are plain
// functions of JSON in and JSON out that never see Boost.Beast.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
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
  std::string accept;          // the Accept header
  std::string last_event_id;   // the Last-Event-ID header (an SSE consumer resuming)
  std::string body;
  std::string client_address;  // peer IP, for rate limits and the audit log
};

// The body of a streamed response (Server-Sent Events), pulled chunk by chunk by net/: net asks for the next
// chunk only once the previous one is written, so what waits in memory is one chunk. pull() and cancel() may
// be called from any thread, never two pulls at once; done may be called from any thread, once per pull.
class ResponseStream {
 public:
  using Chunk = std::optional<std::string>;  // nullopt: the stream has ended
  virtual ~ResponseStream() = default;
  virtual void pull(std::function<void(Chunk)> done) = 0;
  // What net sends when a pull has waited `idle_interval` (a heartbeat comment); the pull stays outstanding.
  virtual std::string idle_chunk() const = 0;
  // net gives up on the stream (the client left, was cut off, or the server stops): an outstanding pull may
  // still complete, or never.
  virtual void cancel() = 0;
  std::chrono::milliseconds idle_interval{15'000};
};

// One HTTP response; net/ serializes it.
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;  // sent first; then, when `stream` is set, its chunks until it ends
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<ResponseStream> stream;
};

// Completes a request. Handlers may call it from any thread, exactly once.
using Responder = std::function<void(Response)>;

}  // namespace livedesk::api
