#pragma once
// A value that goes up and down (open connections, queue depth, a position):
// set() and add() are single atomic operations, safe from any thread.
#include <atomic>
#include <vector>

#include "support/metrics/metric_snapshot.hpp"

namespace livedesk::support {

// A Prometheus gauge; see the file comment.
class Gauge {
 public:
  static constexpr MetricType type = MetricType::gauge;

  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  void add(double delta) { value_.fetch_add(delta, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

  void collect(const LabelPairs& labels, std::vector<MetricSample>& out) const { out.push_back({"", labels, value()}); }

 private:
  std::atomic<double> value_{0};
};

}  // namespace livedesk::support
