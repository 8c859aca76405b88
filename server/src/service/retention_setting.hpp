#pragma once
// The retention setting (docs/api.md, "Privacy"): how many days closed conversations are kept before retention
// erases them, 0 keeping them forever. Admins set it (calls::RetentionSettings) in the shared settings, so every
// node reads the same value; while nothing is stored the command line's --retention-days counts. Read where it
// is needed (the engine's answer, each run of service/conversation_retention), never cached, so a change takes
// effect at the next run. Header-only: the engine and the retention both read it, on their store's thread.
#include <charconv>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace livedesk::service {

inline constexpr std::string_view kRetentionDaysKey = "privacy.retention_days";
inline constexpr int kMaxRetentionDays = 36500;

// The stored value, or `default_days` when none is stored (or it does not read as a day count).
inline int retention_days(store::Store& s, int default_days) {
  const auto stored = s.settings().find(kRetentionDaysKey);
  if (!stored) return default_days;
  int days = 0;
  const auto [end, ec] = std::from_chars(stored->data(), stored->data() + stored->size(), days);
  if (ec != std::errc{} || end != stored->data() + stored->size() || days < 0 || days > kMaxRetentionDays)
    return default_days;
  return days;
}

inline void store_retention_days(store::Store& s, int days) {
  s.settings().put(kRetentionDaysKey, std::to_string(days));
}

}  // namespace livedesk::service
