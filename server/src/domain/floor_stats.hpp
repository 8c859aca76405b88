#pragma once
// Running aggregates behind the dashboard's metrics (docs/metrics.md): every
// change updates them in O(1), so a metrics push never rescans history.
// Holds today, yesterday (for the CSAT change) and the last 24 clock hours of
// messages. Not thread-safe: owned by the chat engine's thread.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"

namespace livedesk::domain {

// A mean that knows it may have no data.
struct Mean {
  double sum = 0;
  std::int64_t count = 0;
  void add(double value) { sum += value, ++count; }
  std::optional<double> value() const { return count ? std::optional<double>(sum / double(count)) : std::nullopt; }
};

// One agent's day.
struct AgentDay {
  std::int64_t handled = 0;  // chats closed today while assigned to the agent (any reason)
  Mean resolution_seconds;
  Mean rating;
};

// One reporting day.
struct DayStats {
  std::int64_t start_ms = 0;
  std::int64_t sessions = 0, closed = 0, missed = 0;
  Mean wait_seconds, first_response_seconds, resolution_seconds, chat_duration_seconds;
  std::array<std::int64_t, 6> csat{};  // [1..5]
  Mean csat_mean;
  std::int64_t messages = 0;
  std::map<std::string, std::int64_t> by_type, by_status;
  std::map<std::int64_t, AgentDay> agents;
};

class FloorStats {
 public:
  explicit FloorStats(const Calendar& calendar) : calendar_(calendar) {}

  // Moves "today" forward when a day boundary has passed.
  void roll_to(std::int64_t now_ms);

  void session_created(std::int64_t created_ms);
  void session_assigned(std::int64_t created_ms, std::int64_t assigned_ms);
  void first_response(std::int64_t created_ms, std::int64_t response_ms);
  void session_closed(std::int64_t created_ms, std::optional<std::int64_t> assigned_ms, std::int64_t closed_ms,
                      const std::string& reason, std::optional<std::int64_t> agent_id);
  void rating(int stars, std::int64_t at_ms, std::optional<std::int64_t> agent_id);
  void message(std::int64_t at_ms, const std::string& type, const std::string& status, std::int64_t count = 1);
  // `count` of today's messages moved from one status to another.
  void status_moved(const std::string& from, const std::string& to, std::int64_t count);

  const DayStats& today() const { return today_; }
  const DayStats& yesterday() const { return yesterday_; }
  // Messages per clock hour, the last 24 hours, oldest first; the last is the current hour.
  std::vector<std::int64_t> per_hour(std::int64_t now_ms) const;
  // Hour of day (0-23) of the busiest of those entries; nullopt when all are 0.
  std::optional<int> peak_hour(std::int64_t now_ms) const;

 private:
  DayStats* day_of(std::int64_t at_ms);

  const Calendar& calendar_;
  DayStats today_, yesterday_;
  std::map<std::int64_t, std::int64_t> hourly_;  // hour start -> messages
};

}  // namespace livedesk::domain
