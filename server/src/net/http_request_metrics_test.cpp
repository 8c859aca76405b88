#include "net/http_request_metrics.hpp"

#include <gtest/gtest.h>

namespace livedesk::net {
namespace {

double value_of(const support::MetricsRegistry& registry, const support::LabelPairs& labels) {
  for (const auto& family : registry.collect())
    for (const auto& sample : family.samples)
      if (sample.labels == labels) return sample.value;
  return -1;
}

TEST(HttpRequestMetrics, CountsEachRouteAndTheOthersByStatusClass) {
  api::Router router;
  router.add("GET", "/api/v1/notes/{id}", [](const api::Request&, const api::PathParams&, api::Responder) {});
  router.add("POST", "/api/v1/notes", [](const api::Request&, const api::PathParams&, api::Responder) {});
  support::MetricsRegistry registry;
  HttpRequestMetrics metrics(registry.counter("requests_total", "h", {"route", "status"}), router);
  metrics.count(metrics.routed(0), 200);
  metrics.count(metrics.routed(0), 204);
  metrics.count(metrics.routed(1), 503);
  metrics.count(metrics.routed(api::Router::no_route), 404);
  metrics.count(metrics.static_files(), 200);
  metrics.count(metrics.websocket(), 101);
  metrics.count(metrics.rejected(), 431);
  metrics.count(metrics.preflight(), 204);
  metrics.count(metrics.preflight(), 999);  // out of range: counted as 5xx rather than lost
  EXPECT_EQ(value_of(registry, {{"route", "GET /api/v1/notes/{id}"}, {"status", "2xx"}}), 2);
  EXPECT_EQ(value_of(registry, {{"route", "GET /api/v1/notes/{id}"}, {"status", "4xx"}}), 0);
  EXPECT_EQ(value_of(registry, {{"route", "POST /api/v1/notes"}, {"status", "5xx"}}), 1);
  EXPECT_EQ(value_of(registry, {{"route", "unmatched"}, {"status", "4xx"}}), 1);
  EXPECT_EQ(value_of(registry, {{"route", "static"}, {"status", "2xx"}}), 1);
  EXPECT_EQ(value_of(registry, {{"route", "websocket"}, {"status", "1xx"}}), 1);
  EXPECT_EQ(value_of(registry, {{"route", "rejected"}, {"status", "4xx"}}), 1);
  EXPECT_EQ(value_of(registry, {{"route", "preflight"}, {"status", "2xx"}}), 1);
  EXPECT_EQ(value_of(registry, {{"route", "preflight"}, {"status", "5xx"}}), 1);
}

}  // namespace
}  // namespace livedesk::net
