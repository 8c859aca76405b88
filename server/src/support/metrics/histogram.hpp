#pragma once
// A histogram over fixed upper bounds (chosen at registration, sorted,
// finite): observe() is two relaxed atomic adds (the value's bucket and the
// sum) from any thread, never a lock. Buckets are kept per range and made
// cumulative when read; the count is the sum of the buckets, so a scrape's
// `_count` always equals its `+Inf` bucket.
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "support/metrics/metric_snapshot.hpp"

namespace livedesk::support {

// A Prometheus histogram; see the file comment.
class Histogram {
 public:
  static constexpr MetricType type = MetricType::histogram;

  // Throws std::invalid_argument unless `bounds` is non-empty, strictly increasing and finite.
  explicit Histogram(std::vector<double> bounds);

  void observe(double value);

  const std::vector<double>& bounds() const { return bounds_; }
  // Cumulative counts, one per bound and a last one for +Inf.
  std::vector<std::uint64_t> cumulative_counts() const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }

  // `_bucket{...,le="..."}` for every bound and +Inf, then `_sum` and `_count`.
  void collect(const LabelPairs& labels, std::vector<MetricSample>& out) const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // bounds_.size() + 1 (the last: above every bound)
  std::atomic<double> sum_{0};
};

}  // namespace livedesk::support
