#pragma once
// livedesk_http_requests_total by route and status class, with every child
// resolved when the server is built: one slot per REST route (labelled
// "<METHOD> <pattern>"), and one each for what the router never sees (static
// files, WebSocket upgrades, CORS preflights, requests refused before
// routing) or does not match. Counting is an index and an atomic add.
// Built before serving; count() from any thread.
#include <array>
#include <cstddef>
#include <vector>

#include "api/router.hpp"
#include "support/metrics/server_metrics.hpp"

namespace livedesk::net {

// Pre-resolved request counters; see the file comment.
class HttpRequestMetrics {
 public:
  HttpRequestMetrics(support::MetricFamily<support::Counter>& requests, const api::Router& router);

  // The slot of what Router::dispatch returned (no_route: "unmatched").
  std::size_t routed(std::size_t dispatched) const { return dispatched < routes_ ? dispatched : routes_; }
  std::size_t static_files() const { return routes_ + 1; }
  std::size_t websocket() const { return routes_ + 2; }
  std::size_t preflight() const { return routes_ + 3; }
  std::size_t rejected() const { return routes_ + 4; }

  void count(std::size_t slot, int status) const;

 private:
  using StatusClasses = std::array<support::Counter*, 5>;  // 1xx .. 5xx
  std::size_t routes_;
  std::vector<StatusClasses> slots_;
};

}  // namespace livedesk::net
