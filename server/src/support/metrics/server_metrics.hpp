#pragma once
// Every metric livedesk exposes, registered once, by name, in one place
// (docs/metrics.md, "Prometheus", lists the same). app/ constructs one per
// process and hands it (or the members a layer records) to the layers; each
// layer resolves its labelled children at wiring time and records through
// references, so recording is an atomic add. Members are safe from any thread.
//
// Hooks for code that lands later (set them from wherever the value is known):
//  - event_log_position.set(position) after each append (the newest position);
//  - webhook_deliveries.with({endpoint_id, outcome}).inc() per attempt, outcome
//    one of "delivered", "failed" (will retry), "gave_up" (retries exhausted);
//  - webhook_lag.with({endpoint_id}).set(log_position - delivered_position);
//    remove({endpoint_id}) on both when an endpoint is deleted.
#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

#include "support/metrics/metrics_registry.hpp"

namespace livedesk::support {

// livedesk's metric catalogue; see the file comment.
class ServerMetrics {
 public:
  ServerMetrics();
  ServerMetrics(const ServerMetrics&) = delete;
  ServerMetrics& operator=(const ServerMetrics&) = delete;

  MetricsRegistry& registry() { return registry_; }
  // The text exposition of everything registered.
  std::string scrape() const;

  // The counter a stored message of this sender counts in (customer, agent, system; anything else: system).
  Counter& message_stored(std::string_view sender_type);

 private:
  MetricsRegistry registry_;  // first: the references below point into it

 public:
  Gauge& process_start_time;
  MetricFamily<Gauge>& open_connections;   // {kind}: customer, agent, dashboard, http
  MetricFamily<Counter>& messages_stored;  // {sender}
  Histogram& commit_batch_size;
  Histogram& commit_seconds;
  Counter& store_busy;  // nanoseconds, exposed as seconds
  GaugeFunction& store_pending_jobs;
  Histogram& fanout_seconds;
  Gauge& chat_queue_depth;
  GaugeFunction& chat_queue_longest_wait;  // read from chat_queue_oldest_since_ms
  // When the longest-waiting chat was created (Unix ms, the engine's clock); 0: none waits.
  std::atomic<std::int64_t> chat_queue_oldest_since_ms{0};
  MetricFamily<Counter>& websocket_frames_sent;      // {kind}
  MetricFamily<Counter>& websocket_frames_dropped;   // {kind}
  MetricFamily<Counter>& websocket_overflow_closes;  // {kind}
  MetricFamily<Counter>& http_requests;              // {route, status}
  GaugeFunction& cluster_leader;
  GaugeFunction& cluster_epoch;
  Gauge& event_log_position;
  MetricFamily<Counter>& webhook_deliveries;  // {endpoint, outcome}
  MetricFamily<Gauge>& webhook_lag;           // {endpoint}

 private:
  std::array<Counter*, 3> message_senders_{};  // customer, agent, system
};

}  // namespace livedesk::support
