#include "domain/retry_backoff.hpp"

#include <algorithm>

namespace livedesk::domain {

std::chrono::milliseconds RetryBackoff::ceiling(int retry) const {
  const auto limit = std::max(max, initial);
  auto wait = initial;
  for (int i = 1; i < retry && wait < limit; ++i) wait *= 2;  // doubling stops at the cap: no overflow
  return std::min(wait, limit);
}

std::chrono::milliseconds RetryBackoff::delay(int retry, double unit,
                                              std::optional<std::chrono::milliseconds> retry_after) const {
  unit = std::clamp(unit, 0.0, 1.0);
  const auto top = ceiling(retry);
  auto wait = std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(double(top.count()) * unit));
  if (retry_after) wait = std::max(wait, std::min(*retry_after, std::max(max, initial)));
  return wait;
}

}  // namespace livedesk::domain
