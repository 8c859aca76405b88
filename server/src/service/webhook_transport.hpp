#pragma once
// The port through which webhooks leave the process (implemented by app/curl_webhook_transport over libcurl;
// by a fake in the tests), so the outbox's scheduling is tested without sockets.
//
// Contract: send() may be called from any thread and returns at once; `done` runs exactly once, on a thread of
// the transport's, never inside send(). refusal() may block (it resolves the host): call it off the io threads.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace livedesk::service {

// One POST.
struct WebhookRequest {
  std::string url;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// What came back: a status, or an error when no complete response did (timeout, refused address, ...).
struct WebhookResponse {
  std::optional<int> status;
  std::string error;  // "" when a response came
  std::chrono::milliseconds latency{0};
  std::optional<std::chrono::milliseconds> retry_after;  // from a 429's or 503's Retry-After
};

// Sends webhook requests; see the file comment.
class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  virtual void send(WebhookRequest request, std::function<void(WebhookResponse)> done) = 0;
  // Why `url` cannot be a webhook (not http(s), credentials in it, a host that does not resolve or resolves to
  // a refused address), or nullopt.
  virtual std::optional<std::string> refusal(const std::string& url) = 0;
};

}  // namespace livedesk::service
