#include "auth/login_rate_limiter.hpp"

#include <iterator>
#include <stdexcept>

namespace livedesk::auth {
namespace {

// Pruning walks the whole map, so do it only now and then; with at most
// max_keys keys that is a small amortised cost per call.
constexpr std::uint32_t calls_between_prunes = 512;

std::size_t checked_max_failures(int max_failures) {
  if (max_failures < 1) throw std::invalid_argument("max_failures must be at least 1");
  return static_cast<std::size_t>(max_failures);
}

std::chrono::seconds checked_window(std::chrono::seconds window) {
  if (window.count() <= 0) throw std::invalid_argument("rate limit window must be positive");
  return window;
}

std::size_t checked_max_keys(std::size_t max_keys) {
  if (max_keys < 1) throw std::invalid_argument("max_keys must be at least 1");
  return max_keys;
}

}  // namespace

LoginRateLimiter::LoginRateLimiter(const domain::Clock& clock, int max_failures, std::chrono::seconds window,
                                   std::size_t max_keys)
    : clock_(clock),
      max_failures_(checked_max_failures(max_failures)),
      window_(checked_window(window)),
      max_keys_(checked_max_keys(max_keys)) {}

std::string LoginRateLimiter::make_key(std::string_view username, std::string_view client_address) {
  // Length-prefixing keeps ("ab", "c") and ("a", "bc") apart whatever bytes they hold.
  std::string key = std::to_string(username.size());
  key += ':';
  key += username;
  key += client_address;
  return key;
}

bool LoginRateLimiter::expire(Failures& failures, domain::TimePoint now) const {
  // A failure counts while it is younger than the window: (now - window, now].
  const domain::TimePoint cutoff = now - window_;
  while (!failures.empty() && failures.front() <= cutoff) failures.pop_front();
  return failures.empty();
}

bool LoginRateLimiter::allowed(std::string_view username, std::string_view client_address) {
  return retry_after(username, client_address).count() == 0;
}

std::chrono::seconds LoginRateLimiter::retry_after(std::string_view username, std::string_view client_address) {
  const domain::TimePoint now = clock_.now();
  std::lock_guard lock(mutex_);
  count_call_and_maybe_prune(now);
  const auto found = failures_by_key_.find(make_key(username, client_address));
  if (found == failures_by_key_.end()) return std::chrono::seconds(0);
  if (expire(found->second, now)) {
    failures_by_key_.erase(found);
    return std::chrono::seconds(0);
  }
  if (found->second.size() < max_failures_) return std::chrono::seconds(0);
  // Only the newest max_failures_ are kept, so once the oldest leaves the window
  // the count drops below the limit.
  const auto wait = found->second.front() + window_ - now;
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
  return seconds.count() >= 1 ? seconds : std::chrono::seconds(1);
}

void LoginRateLimiter::record_failure(std::string_view username, std::string_view client_address) {
  const domain::TimePoint now = clock_.now();
  std::lock_guard lock(mutex_);
  count_call_and_maybe_prune(now);
  std::string key = make_key(username, client_address);
  auto found = failures_by_key_.find(key);
  if (found == failures_by_key_.end()) {
    if (failures_by_key_.size() >= max_keys_) {
      prune(now);
      if (failures_by_key_.size() >= max_keys_) evict_stalest();
    }
    found = failures_by_key_.emplace(std::move(key), Failures{}).first;
  }
  Failures& failures = found->second;
  expire(failures, now);
  failures.push_back(now);
  while (failures.size() > max_failures_) failures.pop_front();
}

void LoginRateLimiter::record_success(std::string_view username, std::string_view client_address) {
  const domain::TimePoint now = clock_.now();
  std::lock_guard lock(mutex_);
  count_call_and_maybe_prune(now);
  failures_by_key_.erase(make_key(username, client_address));
}

std::size_t LoginRateLimiter::tracked_keys() const {
  std::lock_guard lock(mutex_);
  return failures_by_key_.size();
}

void LoginRateLimiter::count_call_and_maybe_prune(domain::TimePoint now) {
  if (++calls_since_prune_ >= calls_between_prunes) prune(now);
}

void LoginRateLimiter::prune(domain::TimePoint now) {
  calls_since_prune_ = 0;
  for (auto it = failures_by_key_.begin(); it != failures_by_key_.end();) {
    it = expire(it->second, now) ? failures_by_key_.erase(it) : std::next(it);
  }
}

void LoginRateLimiter::evict_stalest() {
  // Linear, but reached only when max_keys_ keys all hold live failures.
  auto stalest = failures_by_key_.end();
  for (auto it = failures_by_key_.begin(); it != failures_by_key_.end(); ++it) {
    if (stalest == failures_by_key_.end() || it->second.back() < stalest->second.back()) stalest = it;
  }
  if (stalest != failures_by_key_.end()) failures_by_key_.erase(stalest);
}

}  // namespace livedesk::auth
