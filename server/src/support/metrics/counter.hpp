#pragma once
// A monotonic counter: one relaxed atomic add per record, from any thread,
// never a lock. It counts whole units; `unit` is what one is worth when
// exposed, so a time can be counted in nanoseconds and exposed in seconds
// (unit 1e-9) without a floating-point compare-exchange on the hot path.
#include <atomic>
#include <cstdint>
#include <vector>

#include "support/metrics/metric_snapshot.hpp"

namespace livedesk::support {

// A Prometheus counter; see the file comment.
class Counter {
 public:
  static constexpr MetricType type = MetricType::counter;

  explicit Counter(double unit = 1) : unit_(unit) {}
  void inc(std::uint64_t units = 1) { units_.fetch_add(units, std::memory_order_relaxed); }
  std::uint64_t units() const { return units_.load(std::memory_order_relaxed); }
  double value() const { return double(units()) * unit_; }

  void collect(const LabelPairs& labels, std::vector<MetricSample>& out) const { out.push_back({"", labels, value()}); }

 private:
  std::atomic<std::uint64_t> units_{0};
  const double unit_;
};

}  // namespace livedesk::support
