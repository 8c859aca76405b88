#pragma once
// The WebhookTransport over libcurl (service/webhook_transport.hpp): every request on one thread ("webhooks")
// driving a curl multi handle, so many endpoints need no thread each.
//
// Per request: the URL must be http(s) without credentials; the host is resolved here and every address it
// has must pass the AddressPolicy (no loopback, private, link-local, ... unless on --webhook-allow), and the
// first is pinned (CURLOPT_RESOLVE), so a DNS answer that changes between check and connect cannot move the
// request. No redirects, no proxies, a connect and a total timeout, and the response body read is capped
// (the rest is cut off; the status still counts).
//
// Threads: send() and refusal() from any thread (both resolve on the caller's thread); `done` runs on the
// webhooks thread. stop() (or the destructor) joins it; requests still out then are dropped unanswered.
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "domain/address_policy.hpp"
#include "service/webhook_transport.hpp"

namespace livedesk::app {

struct CurlWebhookOptions {
  domain::AddressPolicy policy;
  std::chrono::milliseconds timeout{10'000};  // connect, and the whole request
  std::size_t max_response_bytes = 64 * 1024;
};

// See the file comment.
class CurlWebhookTransport final : public service::WebhookTransport {
 public:
  explicit CurlWebhookTransport(CurlWebhookOptions options);
  ~CurlWebhookTransport() override;

  void send(service::WebhookRequest request, std::function<void(service::WebhookResponse)> done) override;
  std::optional<std::string> refusal(const std::string& url) override;
  void stop();

  // A URL that passed the checks: where to connect.
  struct Destination {
    std::string host;
    std::uint16_t port = 0;
    std::string address;  // the pinned one, as text
  };
  // The checks of refusal(); throws std::invalid_argument with the reason.
  Destination destination(const std::string& url) const;

 private:
  struct Transfer;
  void run();

  const CurlWebhookOptions options_;
  void* multi_ = nullptr;  // CURLM*
  std::mutex mutex_;       // guards queued_ and stopping_
  std::deque<std::unique_ptr<Transfer>> queued_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace livedesk::app
