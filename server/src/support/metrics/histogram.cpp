#include "support/metrics/histogram.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "support/metrics/prometheus_text.hpp"

namespace livedesk::support {

Histogram::Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)) {
  if (bounds_.empty()) throw std::invalid_argument("a histogram needs at least one bucket bound");
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    if (!std::isfinite(bounds_[i])) throw std::invalid_argument("histogram bounds must be finite (+Inf is implied)");
    if (i > 0 && bounds_[i] <= bounds_[i - 1]) throw std::invalid_argument("histogram bounds must increase");
  }
  counts_ = std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1);
}

void Histogram::observe(double value) {
  // A bucket's bound is inclusive (le): the first bound not below the value.
  const auto index = std::size_t(std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  counts_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::cumulative_counts() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    out[i] = running;
  }
  return out;
}

void Histogram::collect(const LabelPairs& labels, std::vector<MetricSample>& out) const {
  const auto counts = cumulative_counts();
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    LabelPairs with_le = labels;
    with_le.emplace_back("le", i < bounds_.size() ? format_sample_value(bounds_[i]) : "+Inf");
    out.push_back({"_bucket", std::move(with_le), double(counts[i])});
  }
  out.push_back({"_sum", labels, sum()});
  out.push_back({"_count", labels, double(counts.back())});
}

}  // namespace livedesk::support
