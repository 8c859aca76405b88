// The dashboard's numbers: running aggregates (FloorStats) plus live state.
#include <algorithm>

#include "domain/iso_time.hpp"
#include "service/chat_engine.hpp"

namespace livedesk::service {

void ChatEngine::seed_stats(store::Store& s) {
  const std::int64_t now = now_ms();
  stats_.roll_to(now);
  const std::int64_t since = stats_.yesterday().start_ms;
  for (const auto& row : s.metrics().sessions_touched_since(since)) {
    if (row.created_ms >= since) stats_.session_created(row.created_ms);
    if (row.assigned_ms) stats_.session_assigned(row.created_ms, *row.assigned_ms);
    if (row.first_response_ms) stats_.first_response(row.created_ms, *row.first_response_ms);
    if (row.closed_ms && row.close_reason)
      stats_.session_closed(row.created_ms, row.assigned_ms, *row.closed_ms, *row.close_reason, row.agent_id);
  }
  for (const auto& rating : s.metrics().ratings_since(since))
    stats_.rating(rating.rating, rating.created_ms, rating.agent_id);
  const std::int64_t messages_since = std::min<std::int64_t>(stats_.today().start_ms, now - 25LL * 3600 * 1000);
  for (const auto& bucket : s.metrics().message_counts_since(messages_since))
    stats_.message(bucket.utc_hour * 3600 * 1000, bucket.type, bucket.status, bucket.count);
}

void ChatEngine::handle(store::Store&, store::CommitHooks&, const calls::GetMetrics&, Done<domain::MetricsView> done) {
  const std::int64_t now = now_ms();
  stats_.roll_to(now);
  const auto& today = stats_.today();
  domain::MetricsView m;
  m.waiting_sessions = std::int64_t(queue_.depth());
  m.active_sessions = std::int64_t(open_.size()) - m.waiting_sessions;
  m.sessions_today = today.sessions;
  m.closed_today = today.closed;
  m.missed_today = today.missed;
  m.avg_wait_seconds = today.wait_seconds.value();
  m.avg_first_response_seconds = today.first_response_seconds.value();
  m.avg_resolution_seconds = today.resolution_seconds.value();
  m.avg_chat_duration_seconds = today.chat_duration_seconds.value();

  domain::Mean response;
  double longest_response = 0;
  std::optional<double> longest_wait;
  for (const auto& [id, session] : open_) {
    if (session.row.status == "waiting") {
      const double wait = double(now - session.row.created_ms) / 1000.0;
      longest_wait = std::max(longest_wait.value_or(0.0), wait);
    } else if (session.awaiting_reply_since) {
      const double waiting_for_reply = double(now - *session.awaiting_reply_since) / 1000.0;
      response.add(waiting_for_reply);
      longest_response = std::max(longest_response, waiting_for_reply);
    }
  }
  m.longest_wait_seconds = longest_wait;
  m.avg_response_seconds = response.value();
  if (response.count) m.max_response_seconds = longest_response;

  m.agents = {{"active", 0}, {"idle", 0}, {"in_call", 0}, {"offline", 0}};
  for (const auto& [id, agent] : agents_)
    if (agent.role == domain::Role::agent) ++m.agents[std::string(domain::to_string(agent.status))];

  m.csat_average = today.csat_mean.value();
  m.csat_count = today.csat_mean.count;
  m.csat_distribution = today.csat;
  if (auto before = stats_.yesterday().csat_mean.value(); before && m.csat_average && *before != 0)
    m.csat_change_pct = (*m.csat_average - *before) / *before * 100.0;
  if (m.csat_count) m.satisfaction_score = double(today.csat[4] + today.csat[5]) / double(m.csat_count) * 100.0;
  if (today.closed) m.response_rate = double(m.csat_count) / double(today.closed) * 100.0;

  m.messages_today = today.messages;
  m.per_hour = stats_.per_hour(now);
  m.peak_hour = stats_.peak_hour(now);
  m.by_type = today.by_type;
  m.by_status = today.by_status;
  return done(m);
}

void ChatEngine::handle(store::Store&, store::CommitHooks&, const calls::ListAgents&,
                        Done<std::vector<domain::AgentView>> done) {
  stats_.roll_to(now_ms());
  std::vector<domain::AgentView> views;
  for (const auto& [id, agent] : agents_) {
    if (agent.role != domain::Role::agent) continue;
    domain::AgentView v;
    v.id = id;
    v.name = agent.name;
    v.status = std::string(domain::to_string(agent.status));
    v.active_sessions = std::int64_t(agent.chats.size());
    if (auto it = stats_.today().agents.find(id); it != stats_.today().agents.end()) {
      v.sessions_handled_today = it->second.handled;
      v.avg_resolution_seconds = it->second.resolution_seconds.value();
      v.satisfaction = it->second.rating.value();
    }
    if (agent.last_active_ms > 0) v.last_active_ms = agent.last_active_ms;
    views.push_back(std::move(v));
  }
  return done(views);
}

}  // namespace livedesk::service
