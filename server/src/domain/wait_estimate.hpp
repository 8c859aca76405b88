#pragma once
// Estimated wait for a queue position, from the recent rate of assignments:
// with k assignments in the last window, a chat at position p waits about
// p * window / k. No recent assignments: no estimate (null, never 0).
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>

#include "domain/clock.hpp"

namespace livedesk::domain {

// Sliding record of assignment times.
class WaitEstimator {
 public:
  explicit WaitEstimator(std::chrono::seconds window = std::chrono::minutes(15)) : window_(window) {}
  void record_assignment(TimePoint at);
  // Seconds, or nullopt without recent data.
  std::optional<double> estimate_seconds(std::size_t position, TimePoint now);

 private:
  void forget_before(TimePoint cutoff);
  std::chrono::seconds window_;
  std::deque<TimePoint> assignments_;
};

}  // namespace livedesk::domain
