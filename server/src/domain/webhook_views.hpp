#pragma once
// Webhook endpoints and their attempts as read models: what service/webhook_service hands the API instead of
// store rows. Plain values.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace livedesk::domain {

// An endpoint with where its deliveries stand.
struct WebhookView {
  std::int64_t id = 0;
  std::string url;
  std::vector<std::string> event_types;
  std::string secret;  // only in the answer to its creation; "" otherwise
  bool active = true;
  std::optional<std::string> disabled_reason;  // set when it was disabled after failing past the limit
  std::optional<std::int64_t> disabled_ms;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::int64_t delivered_up_to = 0;     // the log position its cursor is at
  std::optional<std::int64_t> pending;  // the event being retried
  int pending_attempts = 0;
  std::optional<std::int64_t> next_attempt_ms;
  std::int64_t lag_events = 0;  // log positions after the cursor
};

// One delivery attempt.
struct WebhookAttemptView {
  std::int64_t id = 0;
  std::int64_t position = 0;
  std::string event_id;
  int attempt = 1;
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> status_code;
  std::int64_t latency_ms = 0;
  std::string error;
  bool manual = false;
};

}  // namespace livedesk::domain
