#include "support/metrics/server_metrics.hpp"

#include <algorithm>
#include <chrono>

#include "support/metrics/prometheus_text.hpp"

namespace livedesk::support {
namespace {
const std::vector<double> latency_bounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                         0.05,   0.1,     0.25,   0.5,   1,      2.5,   5};
const std::vector<double> batch_bounds{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};

double unix_seconds_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}
}  // namespace

ServerMetrics::ServerMetrics()
    : process_start_time(
          registry_.gauge("livedesk_process_start_time_seconds", "When this process started, in Unix seconds.").with()),
      open_connections(registry_.gauge("livedesk_open_connections",
                                       "Open client connections by kind: customer, agent and dashboard WebSockets, "
                                       "and HTTP connections not upgraded.",
                                       {"kind"})),
      messages_stored(registry_.counter("livedesk_messages_stored_total",
                                        "Chat messages committed by this node's engine, by sender side.", {"sender"})),
      commit_batch_size(registry_
                            .histogram("livedesk_store_commit_batch_size",
                                       "Jobs in each transaction the store executor committed (group commit).",
                                       batch_bounds)
                            .with()),
      commit_seconds(registry_
                         .histogram("livedesk_store_commit_seconds",
                                    "Time from a batch's BEGIN until its COMMIT returned (jobs and fsync).",
                                    latency_bounds)
                         .with()),
      store_busy(registry_
                     .counter("livedesk_store_busy_seconds_total",
                              "Time the store thread spent running batches and their after-commit work; "
                              "rate() of it is the thread's busy ratio.",
                              {}, 1e-9)
                     .with()),
      store_pending_jobs(registry_.gauge_function("livedesk_store_pending_jobs",
                                                  "Jobs queued on the store executor and not yet started.")),
      fanout_seconds(registry_
                         .histogram("livedesk_fanout_latency_seconds",
                                    "Time from an event's publication after its commit until its frames are queued "
                                    "on every subscribed connection of this node (sampled: one event in flight).",
                                    latency_bounds)
                         .with()),
      chat_queue_depth(
          registry_.gauge("livedesk_chat_queue_depth", "Chats waiting for an agent (the engine's queue).").with()),
      chat_queue_longest_wait(registry_.gauge_function("livedesk_chat_queue_longest_wait_seconds",
                                                       "How long the longest-waiting chat has waited; 0 when none.")),
      websocket_frames_sent(registry_.counter("livedesk_websocket_frames_sent_total",
                                              "WebSocket frames written to clients, by connection kind.", {"kind"})),
      websocket_frames_dropped(registry_.counter(
          "livedesk_websocket_frames_dropped_total",
          "Frames never written: refused by a full queue, or discarded when the connection closed.", {"kind"})),
      websocket_overflow_closes(registry_.counter("livedesk_websocket_overflow_closes_total",
                                                  "Connections closed (1008) because their outgoing queue overflowed.",
                                                  {"kind"})),
      http_requests(registry_.counter("livedesk_http_requests_total",
                                      "HTTP requests answered, by route template (method and pattern, or static, "
                                      "websocket, preflight, unmatched, rejected) and status class.",
                                      {"route", "status"})),
      cluster_leader(registry_.gauge_function("livedesk_cluster_leader",
                                              "1 while this node leads the cluster, 0 otherwise; absent on one node.")),
      cluster_epoch(registry_.gauge_function(
          "livedesk_cluster_epoch", "The cluster's leader epoch as this node last saw it; absent on one node.")),
      event_log_position(
          registry_.gauge("livedesk_event_log_position", "The newest position in the event log.").with()),
      webhook_deliveries(registry_.counter("livedesk_webhook_deliveries_total",
                                           "Webhook delivery attempts by endpoint and outcome (delivered, failed, "
                                           "gave_up).",
                                           {"endpoint", "outcome"})),
      webhook_lag(registry_.gauge("livedesk_webhook_lag_events", "Events in the log not yet delivered to the endpoint.",
                                  {"endpoint"})) {
  process_start_time.set(unix_seconds_now());
  chat_queue_longest_wait.bind([this]() -> std::optional<double> {
    const std::int64_t since = chat_queue_oldest_since_ms.load(std::memory_order_relaxed);
    if (since == 0) return 0.0;
    return std::max(0.0, unix_seconds_now() - double(since) / 1000.0);
  });
  message_senders_ = {&messages_stored.with({"customer"}), &messages_stored.with({"agent"}),
                      &messages_stored.with({"system"})};
  for (const char* kind : {"customer", "agent", "dashboard", "http"}) {
    open_connections.with({kind});
    if (std::string_view(kind) == "http") continue;
    websocket_frames_sent.with({kind});
    websocket_frames_dropped.with({kind});
    websocket_overflow_closes.with({kind});
  }
}

Counter& ServerMetrics::message_stored(std::string_view sender_type) {
  if (sender_type == "customer") return *message_senders_[0];
  if (sender_type == "agent") return *message_senders_[1];
  return *message_senders_[2];
}

std::string ServerMetrics::scrape() const { return prometheus_text(registry_.collect()); }

}  // namespace livedesk::support
