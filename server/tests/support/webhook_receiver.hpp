// A webhook receiver on 127.0.0.1 for the integration tests: a Beast HTTP server on its own threads that
// records every request and answers as its behaviour says (2xx, random 5xx, hanging past the sender's
// timeout, answering slowly, oversized bodies), plus the verifier a receiver writes from
// docs/integrations.md ("Verifying a delivery").
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace livedesk::it {

// One request as it arrived and how it was answered.
struct ReceivedHook {
  std::string event_id;
  std::string signature;  // Livedesk-Signature
  std::string user_agent;
  std::string content_type;
  std::string body;
  std::int64_t position = 0;  // from the body
  std::string answer;         // "ok", "failed" (5xx), "hung" (past the sender's timeout), "oversized" (200, big)
  std::chrono::steady_clock::time_point at;
};

// What the receiver does with the next request, by chance.
struct ReceiverBehaviour {
  double fail = 0;       // answers 500 or 503
  double hang = 0;       // waits `hang_for` before answering (the sender times out)
  double slow = 0;       // waits `slow_for`, then 200
  double oversized = 0;  // 200 with a 200 KiB body
  std::chrono::milliseconds hang_for{1500};
  std::chrono::milliseconds slow_for{150};
};

class WebhookReceiver {
 public:
  explicit WebhookReceiver(ReceiverBehaviour behaviour = {}, std::uint64_t seed = 1);
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  unsigned short port() const { return port_; }
  std::string url(const std::string& path = "/hook") const;
  std::vector<ReceivedHook> received() const;
  // Event ids answered with a 2xx (the sender counts those as delivered).
  std::set<std::string> delivered_ids() const;
  // Waits until `pred(received())` holds or `deadline` passes; returns whether it held.
  bool wait_until(const std::function<bool(const std::vector<ReceivedHook>&)>& pred,
                  std::chrono::milliseconds deadline) const;
  void set_behaviour(ReceiverBehaviour behaviour);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  unsigned short port_ = 0;
};

// The documented verification: "ok", "malformed", "forged" (no v1 matches), "expired" (t outside the
// tolerance), "replayed" (this id and t seen before). `seen` holds "<id> <t>" of accepted deliveries.
std::string verify_webhook(const std::string& secret, const std::string& signature_header, const std::string& body,
                           const std::string& event_id, std::int64_t now_unix_seconds, std::set<std::string>& seen,
                           std::int64_t tolerance_seconds = 300);
// Lowercase hex HMAC-SHA256 (libsodium), for building test signatures.
std::string hmac_hex(const std::string& key, const std::string& message);

}  // namespace livedesk::it
