#include "support/metrics/prometheus_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "support/metrics/metrics_registry.hpp"
#include "support/metrics/server_metrics.hpp"

using namespace livedesk::support;

TEST(PrometheusText, WritesHelpTypeAndSamplesWithLabels) {
  MetricsRegistry registry;
  registry.counter("jobs_total", "Jobs done.", {"queue", "result"}).with({"store", "ok"}).inc(3);
  registry.gauge("depth", "Depth.").with().set(2.5);
  EXPECT_EQ(prometheus_text(registry.collect()),
            "# HELP jobs_total Jobs done.\n"
            "# TYPE jobs_total counter\n"
            "jobs_total{queue=\"store\",result=\"ok\"} 3\n"
            "# HELP depth Depth.\n"
            "# TYPE depth gauge\n"
            "depth 2.5\n");
}

TEST(PrometheusText, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(escape_label_value("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  EXPECT_EQ(escape_help("line\\one\nline \"two\""), "line\\\\one\\nline \"two\"");  // quotes stay in HELP
  MetricsRegistry registry;
  registry.counter("hits_total", "Hits\nby path.", {"path"}).with({"/a\"b\\"}).inc();
  EXPECT_EQ(prometheus_text(registry.collect()),
            "# HELP hits_total Hits\\nby path.\n"
            "# TYPE hits_total counter\n"
            "hits_total{path=\"/a\\\"b\\\\\"} 1\n");
}

TEST(PrometheusText, WritesAHistogramsCumulativeBucketsInfSumAndCount) {
  MetricsRegistry registry;
  auto& h = registry.histogram("latency_seconds", "Latency.", {0.005, 0.1}).with();
  h.observe(0.001);
  h.observe(0.005);
  h.observe(0.05);
  h.observe(2);
  EXPECT_EQ(prometheus_text(registry.collect()),
            "# HELP latency_seconds Latency.\n"
            "# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{le=\"0.005\"} 2\n"
            "latency_seconds_bucket{le=\"0.1\"} 3\n"
            "latency_seconds_bucket{le=\"+Inf\"} 4\n"
            "latency_seconds_sum 2.056\n"
            "latency_seconds_count 4\n");
}

TEST(PrometheusText, SpellsOutSpecialValuesAndKeepsIntegersPlain) {
  EXPECT_EQ(format_sample_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_sample_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_sample_value(std::nan("")), "NaN");
  EXPECT_EQ(format_sample_value(1234567), "1234567");
  EXPECT_EQ(format_sample_value(0), "0");
  EXPECT_EQ(format_sample_value(0.25), "0.25");
}

TEST(PrometheusText, AFamilyWithoutChildrenHasOnlyItsHelpAndType) {
  MetricsRegistry registry;
  registry.counter("webhook_deliveries_total", "Deliveries.", {"endpoint"});
  EXPECT_EQ(prometheus_text(registry.collect()),
            "# HELP webhook_deliveries_total Deliveries.\n# TYPE webhook_deliveries_total counter\n");
}

TEST(ServerMetrics, CountsMessagesBySenderAndExposesEveryFamilyOnce) {
  ServerMetrics metrics;
  metrics.message_stored("customer").inc();
  metrics.message_stored("agent").inc(2);
  metrics.message_stored("bot").inc();  // unknown senders count as system
  const std::string text = metrics.scrape();
  EXPECT_NE(text.find("livedesk_messages_stored_total{sender=\"customer\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("livedesk_messages_stored_total{sender=\"agent\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("livedesk_messages_stored_total{sender=\"system\"} 1\n"), std::string::npos);
  for (const char* name : {"livedesk_event_log_position", "livedesk_webhook_deliveries_total",
                           "livedesk_webhook_lag_events", "livedesk_store_commit_seconds", "livedesk_open_connections"})
    EXPECT_NE(text.find(std::string("# TYPE ") + name + " "), std::string::npos) << name;
}
