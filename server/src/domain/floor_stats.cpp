#include "domain/floor_stats.hpp"

#include <algorithm>

namespace livedesk::domain {

void FloorStats::roll_to(std::int64_t now_ms) {
  const std::int64_t start = calendar_.day_start(now_ms);
  if (start == today_.start_ms) return;
  if (today_.start_ms != 0 && calendar_.next_day_start(today_.start_ms) == start) {
    yesterday_ = std::move(today_);
  } else {
    yesterday_ = DayStats{};
    yesterday_.start_ms = calendar_.day_start(start - 1);
  }
  today_ = DayStats{};
  today_.start_ms = start;
  // Keep a little more than 24 hours of buckets.
  const std::int64_t keep_from = now_ms - 26LL * 3600 * 1000;
  hourly_.erase(hourly_.begin(), hourly_.lower_bound(keep_from));
}

DayStats* FloorStats::day_of(std::int64_t at_ms) {
  if (at_ms >= today_.start_ms) return &today_;
  if (at_ms >= yesterday_.start_ms) return &yesterday_;
  return nullptr;
}

void FloorStats::session_created(std::int64_t created_ms) {
  if (auto* day = day_of(created_ms)) ++day->sessions;
}

void FloorStats::session_assigned(std::int64_t created_ms, std::int64_t assigned_ms) {
  if (auto* day = day_of(assigned_ms)) day->wait_seconds.add(double(assigned_ms - created_ms) / 1000.0);
}

void FloorStats::first_response(std::int64_t created_ms, std::int64_t response_ms) {
  if (auto* day = day_of(response_ms)) day->first_response_seconds.add(double(response_ms - created_ms) / 1000.0);
}

void FloorStats::session_closed(std::int64_t created_ms, std::optional<std::int64_t> assigned_ms,
                                std::int64_t closed_ms, const std::string& reason,
                                std::optional<std::int64_t> agent_id) {
  auto* day = day_of(closed_ms);
  if (!day) return;
  ++day->closed;
  if (reason == "missed") ++day->missed;
  if (agent_id) ++day->agents[*agent_id].handled;
  if (reason != "resolved") return;
  const double resolution = double(closed_ms - created_ms) / 1000.0;
  day->resolution_seconds.add(resolution);
  if (assigned_ms) day->chat_duration_seconds.add(double(closed_ms - *assigned_ms) / 1000.0);
  if (agent_id) day->agents[*agent_id].resolution_seconds.add(resolution);
}

void FloorStats::rating(int stars, std::int64_t at_ms, std::optional<std::int64_t> agent_id) {
  auto* day = day_of(at_ms);
  if (!day || stars < 1 || stars > 5) return;
  ++day->csat[std::size_t(stars)];
  day->csat_mean.add(stars);
  if (agent_id) day->agents[*agent_id].rating.add(stars);
}

void FloorStats::message(std::int64_t at_ms, const std::string& type, const std::string& status, std::int64_t count) {
  hourly_[calendar_.hour_start(at_ms)] += count;
  if (at_ms < today_.start_ms) return;
  today_.messages += count;
  today_.by_type[type] += count;
  today_.by_status[status] += count;
}

void FloorStats::status_moved(const std::string& from, const std::string& to, std::int64_t count) {
  if (count <= 0) return;
  today_.by_status[from] = std::max<std::int64_t>(0, today_.by_status[from] - count);
  today_.by_status[to] += count;
}

std::vector<std::int64_t> FloorStats::per_hour(std::int64_t now_ms) const {
  std::vector<std::int64_t> counts(24, 0);
  std::int64_t hour = calendar_.hour_start(now_ms);
  for (int i = 23; i >= 0; --i) {
    if (auto it = hourly_.find(hour); it != hourly_.end()) counts[std::size_t(i)] = it->second;
    hour = calendar_.hour_start(hour - 1);
  }
  return counts;
}

std::optional<int> FloorStats::peak_hour(std::int64_t now_ms) const {
  const auto counts = per_hour(now_ms);
  auto best = std::max_element(counts.begin(), counts.end());  // the earliest of equal maxima
  if (*best == 0) return std::nullopt;
  std::int64_t hour = calendar_.hour_start(now_ms);
  for (auto i = counts.size() - 1; i > std::size_t(best - counts.begin()); --i) hour = calendar_.hour_start(hour - 1);
  return calendar_.hour_of_day(hour);
}

}  // namespace livedesk::domain
