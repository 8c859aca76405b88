#pragma once
// Limits password guessing: at most `max_failures` failed logins per
// (username, client address) pair within a sliding time window.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/clock.hpp"

namespace livedesk::auth {

// A key is the exact username (case as typed) together with the client
// address. allowed() is false while the key has max_failures or more failures
// younger than `window`; record_success() forgets the key entirely.
//
// Memory stays bounded: expired keys are pruned every few hundred calls, and
// at most max_keys keys (default 100k) are tracked; when full, the key whose
// latest failure is oldest is evicted. Only record_failure() creates keys, and
// every failure already costs the caller a full password verification, so
// filling the map with live keys is not practical.
//
// Thread safety: every member function locks one internal mutex, so one
// instance may be shared by all request threads. The Clock must outlive it.
class LoginRateLimiter {
 public:
  static constexpr std::size_t default_max_keys = 100'000;

  // Throws std::invalid_argument unless max_failures >= 1, window > 0 and max_keys >= 1.
  explicit LoginRateLimiter(const domain::Clock& clock, int max_failures = 10,
                            std::chrono::seconds window = std::chrono::seconds(60),
                            std::size_t max_keys = default_max_keys);

  // Whether a login attempt for this key may be checked at all now.
  bool allowed(std::string_view username, std::string_view client_address);
  void record_failure(std::string_view username, std::string_view client_address);
  void record_success(std::string_view username, std::string_view client_address);
  // Zero when allowed; otherwise whole seconds (at least 1) until the oldest
  // counted failure leaves the window and an attempt is allowed again. Suits
  // the HTTP Retry-After header.
  std::chrono::seconds retry_after(std::string_view username, std::string_view client_address);

  // Number of keys currently tracked (for tests and diagnostics).
  std::size_t tracked_keys() const;

 private:
  // Failure times, oldest first; never more than max_failures_ entries, since
  // older ones cannot change the decision.
  using Failures = std::deque<domain::TimePoint>;

  static std::string make_key(std::string_view username, std::string_view client_address);
  // Drops failures that have left the window; true when none remain.
  bool expire(Failures& failures, domain::TimePoint now) const;
  void count_call_and_maybe_prune(domain::TimePoint now);
  void prune(domain::TimePoint now);
  void evict_stalest();

  const domain::Clock& clock_;
  const std::size_t max_failures_;
  const std::chrono::seconds window_;
  const std::size_t max_keys_;

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_by_key_;
  std::uint32_t calls_since_prune_ = 0;
};

}  // namespace livedesk::auth
