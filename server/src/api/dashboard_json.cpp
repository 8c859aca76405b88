#include "api/dashboard_json.hpp"

#include "api/chat_json.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
json::value maybe(const std::optional<double>& value) { return value ? json::value(*value) : json::value(nullptr); }

json::object counts(const std::map<std::string, std::int64_t>& values, std::initializer_list<const char*> keys) {
  json::object out;
  for (const char* key : keys) {
    auto it = values.find(key);
    out[key] = it == values.end() ? 0 : it->second;
  }
  return out;
}
}  // namespace

json::object metrics_json(const domain::MetricsView& m) {
  json::object distribution;
  for (int stars = 1; stars <= 5; ++stars) distribution[std::to_string(stars)] = m.csat_distribution[std::size_t(stars)];
  json::array per_hour;
  for (auto count : m.per_hour) per_hour.push_back(count);
  return {{"active_sessions", m.active_sessions},
          {"waiting_sessions", m.waiting_sessions},
          {"sessions_today", m.sessions_today},
          {"closed_today", m.closed_today},
          {"missed_today", m.missed_today},
          {"avg_wait_seconds", maybe(m.avg_wait_seconds)},
          {"avg_first_response_seconds", maybe(m.avg_first_response_seconds)},
          {"avg_resolution_seconds", maybe(m.avg_resolution_seconds)},
          {"avg_chat_duration_seconds", maybe(m.avg_chat_duration_seconds)},
          {"longest_wait_seconds", maybe(m.longest_wait_seconds)},
          {"avg_response_seconds", maybe(m.avg_response_seconds)},
          {"max_response_seconds", maybe(m.max_response_seconds)},
          {"agents", counts(m.agents, {"active", "idle", "in_call", "offline"})},
          {"csat",
           {{"average", maybe(m.csat_average)},
            {"count", m.csat_count},
            {"distribution", std::move(distribution)},
            {"change_pct", maybe(m.csat_change_pct)},
            {"satisfaction_score", maybe(m.satisfaction_score)},
            {"response_rate", maybe(m.response_rate)}}},
          {"messages",
           {{"today", m.messages_today},
            {"per_hour", std::move(per_hour)},
            {"peak_hour", m.peak_hour ? json::value(*m.peak_hour) : json::value(nullptr)},
            {"by_type", counts(m.by_type, {"text", "image", "file", "audio", "video"})},
            {"by_status", counts(m.by_status, {"sent", "delivered", "read", "failed"})}}}};
}

json::object agent_json(const domain::AgentView& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"status", a.status},
          {"active_sessions", a.active_sessions},
          {"sessions_handled_today", a.sessions_handled_today},
          {"avg_resolution_seconds", maybe(a.avg_resolution_seconds)},
          {"satisfaction", maybe(a.satisfaction)},
          {"last_active_at", time_json(a.last_active_ms)}};
}

json::object queue_json(const std::vector<domain::SessionView>& waiting) {
  double total = 0, longest = 0;
  for (const auto& s : waiting) {
    total += s.wait_seconds;
    longest = std::max(longest, s.wait_seconds);
  }
  const bool empty = waiting.empty();
  return {{"depth", waiting.size()},
          {"sessions", sessions_json(waiting)},
          {"avg_wait_seconds", empty ? json::value(nullptr) : json::value(total / double(waiting.size()))},
          {"longest_wait_seconds", empty ? json::value(nullptr) : json::value(longest)}};
}

json::array sessions_json(const std::vector<domain::SessionView>& sessions) {
  json::array out;
  for (const auto& s : sessions) out.push_back(session_json(s));
  return out;
}

json::array agents_json(const std::vector<domain::AgentView>& agents) {
  json::array out;
  for (const auto& a : agents) out.push_back(agent_json(a));
  return out;
}

}  // namespace livedesk::api
