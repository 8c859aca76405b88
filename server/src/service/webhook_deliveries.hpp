#pragma once
// The webhooks as a consumer of the outbox (service/outbox.hpp): each active endpoint is a target
// ("webhook:<id>") that gets the logged events its types match, POSTed as the public event JSON with the
// Livedesk-* headers and signature (docs/integrations.md, "Webhooks"), through a WebhookTransport.
//
// Threads: the outbox's thread calls every OutboxConsumer method; `request_for` is a pure function any
// thread may call (the manual retry uses it too).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "service/outbox_consumer.hpp"
#include "service/webhook_transport.hpp"
#include "store/webhook_store.hpp"

namespace livedesk::support {
class ServerMetrics;
}

namespace livedesk::service {

// The consumer name of a webhook's cursor, and back (nullopt for another consumer's).
std::string webhook_target(std::int64_t webhook_id);
std::optional<std::int64_t> webhook_of_target(const std::string& target);
// True when `type` matches one of the space-separated patterns ("message.created", "session.*", "*").
bool webhook_wants_type(const std::string& patterns, const std::string& type);
// The POST for `event` to `webhook`, signed at `unix_seconds`.
WebhookRequest webhook_request(const store::Webhook& webhook, const store::EventRecord& event,
                               std::int64_t unix_seconds);
// What a response means to the outbox: 2xx delivered; anything else (no answer, 3xx, 4xx, 5xx) is retried.
OutboxResult webhook_outcome(const WebhookResponse& response);

// See the file comment.
class WebhookDeliveries final : public OutboxConsumer {
 public:
  // `metrics` (optional) gets livedesk_webhook_deliveries_total per attempt and livedesk_webhook_lag_events per
  // endpoint every round; both are removed when an endpoint is deleted.
  WebhookDeliveries(WebhookTransport& transport, const domain::Clock& clock, support::ServerMetrics* metrics = nullptr)
      : transport_(transport), clock_(clock), metrics_(metrics) {}

  std::vector<std::string> targets(store::Store& store) override;
  bool wants(const std::string& target, const store::EventRecord& event) override;
  void send(const std::string& target, const store::EventRecord& event, int attempt,
            std::function<void(OutboxResult)> done) override;
  void record(store::Store& store, const std::string& target, const store::EventRecord& event, int attempt,
              const OutboxResult& result) override;
  void give_up(store::Store& store, const std::string& target, const std::string& reason) override;

 private:
  WebhookTransport& transport_;
  const domain::Clock& clock_;
  void count(std::int64_t webhook_id, const char* outcome);

  support::ServerMetrics* metrics_;
  std::map<std::string, store::Webhook> active_;  // by target, as of the last targets()
  std::set<std::int64_t> measured_;               // endpoints with metric children
};

}  // namespace livedesk::service
