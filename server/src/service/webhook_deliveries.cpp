#include "service/webhook_deliveries.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <sstream>

#include "auth/webhook_signature.hpp"
#include "domain/iso_time.hpp"
#include "service/event_json.hpp"
#include "store/store.hpp"
#include "support/metrics/server_metrics.hpp"

namespace livedesk::service {

std::string webhook_target(std::int64_t webhook_id) { return "webhook:" + std::to_string(webhook_id); }

std::optional<std::int64_t> webhook_of_target(const std::string& target) {
  constexpr std::string_view kPrefix = "webhook:";
  if (!target.starts_with(kPrefix)) return std::nullopt;
  try {
    return std::stoll(target.substr(kPrefix.size()));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool webhook_wants_type(const std::string& patterns, const std::string& type) {
  std::istringstream words(patterns);
  for (std::string pattern; words >> pattern;) {
    if (pattern == "*" || pattern == type) return true;
    if (pattern.ends_with("*") && type.starts_with(std::string_view(pattern).substr(0, pattern.size() - 1)))
      return true;
  }
  return false;
}

WebhookRequest webhook_request(const store::Webhook& webhook, const store::EventRecord& event,
                               std::int64_t unix_seconds) {
  WebhookRequest request;
  request.url = webhook.url;
  request.body = boost::json::serialize(event_json(event));
  request.headers = {{"Content-Type", "application/json"},
                     {"User-Agent", "livedesk-webhooks/1"},
                     {"Livedesk-Event-Id", event.event_id},
                     {"Livedesk-Event-Type", event.type},
                     {"Livedesk-Event-Position", std::to_string(event.position)},
                     {"Livedesk-Signature", auth::webhook_signature(webhook.secret, unix_seconds, request.body)}};
  return request;
}

OutboxResult webhook_outcome(const WebhookResponse& response) {
  OutboxResult result;
  result.status = response.status;
  result.latency = response.latency;
  result.retry_after = response.retry_after;
  if (!response.status) {
    result.error = response.error.empty() ? "no response" : response.error;
  } else if (*response.status >= 200 && *response.status < 300) {
    result.delivered = true;
  } else {
    result.error = "HTTP " + std::to_string(*response.status);
  }
  return result;
}

void WebhookDeliveries::count(std::int64_t webhook_id, const char* outcome) {
  if (metrics_) metrics_->webhook_deliveries.with({std::to_string(webhook_id), outcome}).inc();
}

std::vector<std::string> WebhookDeliveries::targets(store::Store& store) {
  active_.clear();
  std::vector<std::string> names;
  auto webhooks = store.webhooks().list();
  if (metrics_) {
    const auto head = store.events().last_position();
    std::set<std::int64_t> present;
    for (const auto& webhook : webhooks) {
      present.insert(webhook.id);
      const auto cursor = store.outbox().find(webhook_target(webhook.id));
      const auto lag = cursor ? std::max<std::int64_t>(0, head - cursor->position) : 0;
      metrics_->webhook_lag.with({std::to_string(webhook.id)}).set(double(lag));
    }
    for (const auto id : measured_) {
      if (present.contains(id)) continue;
      metrics_->webhook_lag.remove({std::to_string(id)});
      for (const char* outcome : {"delivered", "failed", "gave_up"})
        metrics_->webhook_deliveries.remove({std::to_string(id), outcome});
    }
    measured_ = std::move(present);
  }
  for (auto& webhook : webhooks) {
    if (!webhook.active) continue;
    names.push_back(webhook_target(webhook.id));
    active_.emplace(names.back(), std::move(webhook));
  }
  return names;
}

bool WebhookDeliveries::wants(const std::string& target, const store::EventRecord& event) {
  const auto found = active_.find(target);
  return found != active_.end() && webhook_wants_type(found->second.event_types, event.type);
}

void WebhookDeliveries::send(const std::string& target, const store::EventRecord& event, int,
                             std::function<void(OutboxResult)> done) {
  const auto found = active_.find(target);
  if (found == active_.end()) {
    done(OutboxResult{false, std::nullopt, {}, "endpoint gone", std::nullopt});
    return;
  }
  const auto seconds = domain::to_unix_ms(clock_.now()) / 1000;
  transport_.send(webhook_request(found->second, event, seconds),
                  [done = std::move(done)](WebhookResponse response) { done(webhook_outcome(response)); });
}

void WebhookDeliveries::record(store::Store& store, const std::string& target, const store::EventRecord& event,
                               int attempt, const OutboxResult& result) {
  const auto webhook = webhook_of_target(target);
  if (!webhook || !store.webhooks().find(*webhook)) return;  // deleted while the delivery was out
  store::WebhookAttempt row;
  row.webhook_id = *webhook;
  row.position = event.position;
  row.event_id = event.event_id;
  row.attempt = attempt;
  row.at_ms = domain::to_unix_ms(clock_.now());
  if (result.status) row.status_code = *result.status;
  row.latency_ms = result.latency.count();
  row.error = result.error;
  store.webhooks().add_attempt(row);
  count(*webhook, result.delivered ? "delivered" : "failed");
}

void WebhookDeliveries::give_up(store::Store& store, const std::string& target, const std::string& reason) {
  const auto id = webhook_of_target(target);
  if (!id) return;
  auto webhook = store.webhooks().find(*id);
  if (!webhook) return;
  const auto now_ms = domain::to_unix_ms(clock_.now());
  webhook->active = 0;
  webhook->disabled_reason = reason;
  webhook->disabled_ms = now_ms;
  webhook->updated_ms = now_ms;
  store.webhooks().update(*webhook);
  count(*id, "gave_up");
}

}  // namespace livedesk::service
