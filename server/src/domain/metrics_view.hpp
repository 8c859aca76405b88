#pragma once
// The dashboard's numbers at one moment: the contract's `metrics` and
// `agent` objects as plain values (definitions in docs/metrics.md).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace livedesk::domain {

struct MetricsView {
  std::int64_t active_sessions = 0, waiting_sessions = 0;
  std::int64_t sessions_today = 0, closed_today = 0, missed_today = 0;
  std::optional<double> avg_wait_seconds, avg_first_response_seconds, avg_resolution_seconds;
  std::optional<double> avg_chat_duration_seconds, longest_wait_seconds, avg_response_seconds, max_response_seconds;
  std::map<std::string, std::int64_t> agents;  // active, idle, in_call, offline
  std::optional<double> csat_average, csat_change_pct, satisfaction_score, response_rate;
  std::int64_t csat_count = 0;
  std::array<std::int64_t, 6> csat_distribution{};  // [1..5]
  std::int64_t messages_today = 0;
  std::vector<std::int64_t> per_hour;
  std::optional<int> peak_hour;
  std::map<std::string, std::int64_t> by_type, by_status;
};

struct AgentView {
  std::int64_t id = 0;
  std::string name;
  std::string status;
  std::int64_t active_sessions = 0;
  std::int64_t sessions_handled_today = 0;
  std::optional<double> avg_resolution_seconds;
  std::optional<double> satisfaction;
  std::optional<std::int64_t> last_active_ms;
};

}  // namespace livedesk::domain
