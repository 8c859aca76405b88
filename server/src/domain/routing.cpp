#include "domain/routing.hpp"

#include <tuple>

namespace livedesk::domain {

bool can_take_chat(const AgentLoad& agent) {
  return agent.status == AgentStatus::active && agent.open_chats < agent.capacity;
}

std::optional<std::int64_t> choose_agent(std::span<const AgentLoad> agents) {
  const AgentLoad* best = nullptr;
  for (const auto& agent : agents) {
    if (!can_take_chat(agent)) continue;
    if (!best || std::tie(agent.open_chats, agent.idle_since, agent.agent_id) <
                     std::tie(best->open_chats, best->idle_since, best->agent_id))
      best = &agent;
  }
  if (!best) return std::nullopt;
  return best->agent_id;
}

}  // namespace livedesk::domain
