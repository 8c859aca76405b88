#pragma once
// Webhook endpoints and the record of every delivery attempt. Reached through
// Store::webhooks(); same thread and error contract as Store. Where each endpoint
// has got to in the event log is the outbox's (store/outbox_store.hpp).
#include <boost/describe/class.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A registered endpoint.
struct Webhook {
  std::int64_t id = 0;                         // ignored by insert; assigned by the store
  std::string url;                             // http(s), checked by the service
  std::string event_types;                     // space-separated: "message.created session.*"
  std::string secret;                          // the HMAC key, as shown once at creation
  int active = 1;                              // 0: nothing is sent (paused by an admin, or disabled)
  std::optional<std::string> disabled_reason;  // set when deliveries failed past the limit
  std::optional<std::int64_t> disabled_ms;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};
BOOST_DESCRIBE_STRUCT(Webhook, (),
                      (id, url, event_types, secret, active, disabled_reason, disabled_ms, created_ms, updated_ms))

// One try at delivering one logged event to one endpoint.
struct WebhookAttempt {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::int64_t webhook_id = 0;
  std::int64_t position = 0;  // of the event in the log
  std::string event_id;
  int attempt = 1;  // 1 = the first try of that event; a manual retry counts on
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> status_code;  // none when no response came
  std::int64_t latency_ms = 0;
  std::string error;  // "" on success
  int manual = 0;     // 1: sent again by hand
};
BOOST_DESCRIBE_STRUCT(WebhookAttempt, (),
                      (id, webhook_id, position, event_id, attempt, at_ms, status_code, latency_ms, error, manual))

// The webhooks and webhook_attempts tables.
class WebhookStore {
 public:
  virtual std::int64_t insert(const Webhook& webhook) = 0;  // returns the new id
  virtual std::optional<Webhook> find(std::int64_t id) = 0;
  virtual std::vector<Webhook> list() = 0;  // by id
  // Writes every field but id, secret and created_ms; false when there is no such webhook.
  virtual bool update(const Webhook& webhook) = 0;
  // Removes it and its attempts; false when there is no such webhook.
  virtual bool remove(std::int64_t id) = 0;

  virtual std::int64_t add_attempt(const WebhookAttempt& attempt) = 0;  // returns the new id
  // Up to `limit` of the webhook's attempts with id < `before_id` (all when nullopt), newest first.
  virtual std::vector<WebhookAttempt> attempts(std::int64_t webhook_id, std::optional<std::int64_t> before_id,
                                               std::size_t limit) = 0;
  // Removes up to `limit` attempts made before `before_ms` (the log's retention); returns how many.
  virtual std::size_t prune_attempts(std::int64_t before_ms, std::size_t limit) = 0;

 protected:
  ~WebhookStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
