#pragma once
// When an outbox delivery is tried again (docs/integrations.md, "Retries"): exponential backoff with full
// jitter. The n-th retry waits a uniformly random time in [0, min(max, initial * 2^(n-1))], so endpoints that
// failed together do not come back together. A pure value; the caller supplies the random number.
#include <chrono>
#include <optional>

namespace livedesk::domain {

// The retry schedule of one consumer.
struct RetryBackoff {
  std::chrono::milliseconds initial{1000};
  std::chrono::milliseconds max{std::chrono::hours(1)};

  // The longest wait before retry `retry` (1 = the first retry).
  std::chrono::milliseconds ceiling(int retry) const;
  // The wait before retry `retry` for `unit` in [0, 1); a receiver's Retry-After, if given, is honoured up to
  // `max` (it never shortens the wait, and never stretches it beyond the schedule's longest).
  std::chrono::milliseconds delay(int retry, double unit,
                                  std::optional<std::chrono::milliseconds> retry_after = std::nullopt) const;
};

}  // namespace livedesk::domain
