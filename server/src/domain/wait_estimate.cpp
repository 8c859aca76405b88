#include "domain/wait_estimate.hpp"

#include <cmath>

namespace livedesk::domain {

void WaitEstimator::record_assignment(TimePoint at) {
  assignments_.push_back(at);
  if (assignments_.size() > 10'000) assignments_.pop_front();
}

void WaitEstimator::forget_before(TimePoint cutoff) {
  while (!assignments_.empty() && assignments_.front() < cutoff) assignments_.pop_front();
}

std::optional<double> WaitEstimator::estimate_seconds(std::size_t position, TimePoint now) {
  forget_before(now - window_);
  if (assignments_.empty() || position == 0) return std::nullopt;
  // Measure the rate over the span actually observed (at least a minute), so a
  // fresh server with two quick assignments does not promise instant service.
  const auto observed = std::max<std::chrono::seconds>(
      std::chrono::duration_cast<std::chrono::seconds>(now - assignments_.front()), std::chrono::minutes(1));
  const double per_second = double(assignments_.size()) / double(observed.count());
  return std::round(double(position) / per_second);
}

}  // namespace livedesk::domain
