// Staff presence and status, customers coming and going, and the deadlines
// checked by tick().
#include "domain/iso_time.hpp"
#include "service/chat_engine.hpp"

namespace livedesk::service {

void ChatEngine::set_agent_status(store::Store& s, store::CommitHooks& h, Agent& agent, domain::AgentStatus status) {
  if (agent.status == status) return;
  const auto previous = agent.status;
  agent.status = status;
  agent.last_active_ms = now_ms();
  if (status == domain::AgentStatus::active) agent.idle_since = clock_.now();
  s.accounts().update_presence(agent.id, domain::to_string(status), now_ms());
  emit(s, h, bus::AgentStatusChanged{agent.id, agent.name, std::string(domain::to_string(status)),
                                  std::string(domain::to_string(previous))});
}

// Load decides between active and in_call, unless the agent chose busy or away.
void ChatEngine::refresh_load_status(store::Store& s, store::CommitHooks& h, Agent& agent) {
  if (agent.status == domain::AgentStatus::offline || agent.status == domain::AgentStatus::idle || agent.busy_by_choice)
    return;
  const bool full = int(agent.chats.size()) >= agent.capacity;
  if (!full && agent.status == domain::AgentStatus::in_call) agent.idle_since = clock_.now();
  set_agent_status(s, h, agent, full ? domain::AgentStatus::in_call : domain::AgentStatus::active);
}

void ChatEngine::staff_connected(store::Store& s, store::CommitHooks& h, const Actor& staff) {
  Agent& agent = agent_entry(s, staff.id);
  ++agent.connections;
  agent.last_disconnect.reset();
  if (agent.status == domain::AgentStatus::offline && agent.role == domain::Role::agent) {
    agent.busy_by_choice = false;
    set_agent_status(s, h, agent, domain::AgentStatus::active);
    refresh_load_status(s, h, agent);
    route(s, h);
  }
}

void ChatEngine::staff_disconnected(const Actor& staff) {
  if (auto* agent = find_agent(staff.id); agent && agent->connections > 0) {
    if (--agent->connections == 0) agent->last_disconnect = clock_.now();
  }
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::SetStatus& call, Done<std::string> done) {
  const auto& actor = call.agent;
  const auto& status = call.status;
  Agent& agent = agent_entry(s, actor.id);
  agent.busy_by_choice = status == domain::AgentStatus::in_call;
  set_agent_status(s, h, agent, status);
  if (status == domain::AgentStatus::active) refresh_load_status(s, h, agent);
  route(s, h);
  h.after_commit([done, st = std::string(domain::to_string(agent.status))](bool ok) {
    ok ? done(st) : done(ChatError{503, "unavailable", "the status could not be saved"});
  });
}

std::string ChatEngine::status_of(std::int64_t agent_id) const {
  auto it = agents_.find(agent_id);
  return std::string(domain::to_string(it == agents_.end() ? domain::AgentStatus::offline : it->second.status));
}

void ChatEngine::customer_connected(std::int64_t session_id) {
  if (auto* session = find_open(session_id)) {
    ++session->customer_connections;
    session->customer_left_at.reset();
  }
}

void ChatEngine::customer_disconnected(std::int64_t session_id) {
  if (auto* session = find_open(session_id); session && session->customer_connections > 0)
    if (--session->customer_connections == 0) session->customer_left_at = clock_.now();
}

void ChatEngine::tick(store::Store& s, store::CommitHooks& h) {
  const auto now = clock_.now();
  stats_.roll_to(domain::to_unix_ms(now));
  std::vector<std::int64_t> unanswered, gone;
  for (auto& [id, session] : open_) {
    if (session.row.status == "active" && !session.agent_answered && session.row.assigned_ms &&
        now - domain::from_unix_ms(*session.row.assigned_ms) >= settings_.unanswered_timeout)
      unanswered.push_back(id);
    if (session.row.status == "waiting" && session.customer_left_at &&
        now - *session.customer_left_at >= settings_.waiting_customer_grace)
      gone.push_back(id);
  }
  for (auto id : unanswered) requeue(s, h, open_.at(id), "unanswered");
  for (auto id : gone) {
    add_system_message(s, h, open_.at(id), "The customer left before an agent was free.");
    finish(s, h, open_.at(id), "missed");
  }
  for (auto& [id, agent] : agents_) {
    if (agent.connections == 0 && agent.last_disconnect &&
        now - *agent.last_disconnect >= settings_.agent_offline_grace) {
      agent.last_disconnect.reset();
      set_agent_status(s, h, agent, domain::AgentStatus::offline);
    }
  }
  if (!unanswered.empty()) route(s, h);
  expire_transfers(s, h);
}

}  // namespace livedesk::service
