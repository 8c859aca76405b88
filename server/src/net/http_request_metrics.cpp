#include "net/http_request_metrics.hpp"

#include <string>

namespace livedesk::net {

HttpRequestMetrics::HttpRequestMetrics(support::MetricFamily<support::Counter>& requests, const api::Router& router)
    : routes_(router.route_count()) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < routes_; ++i) names.push_back(router.route_name(i));
  for (const char* other : {"unmatched", "static", "websocket", "preflight", "rejected"}) names.emplace_back(other);
  for (const auto& name : names) {
    StatusClasses classes{};
    for (int c = 0; c < 5; ++c) classes[c] = &requests.with({name, std::to_string(c + 1) + "xx"});
    slots_.push_back(classes);
  }
}

void HttpRequestMetrics::count(std::size_t slot, int status) const {
  if (slot >= slots_.size()) return;
  const int status_class = status >= 100 && status < 600 ? status / 100 - 1 : 4;
  slots_[slot][status_class]->inc();
}

}  // namespace livedesk::net
