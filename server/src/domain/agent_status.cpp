#include "domain/agent_status.hpp"

namespace livedesk::domain {

std::string_view to_string(AgentStatus status) {
  switch (status) {
    case AgentStatus::active: return "active";
    case AgentStatus::idle: return "idle";
    case AgentStatus::in_call: return "in_call";
    case AgentStatus::offline: return "offline";
  }
  return "offline";
}

std::optional<AgentStatus> parse_agent_status(std::string_view text) {
  if (text == "active") return AgentStatus::active;
  if (text == "idle") return AgentStatus::idle;
  if (text == "in_call") return AgentStatus::in_call;
  if (text == "offline") return AgentStatus::offline;
  return std::nullopt;
}

}  // namespace livedesk::domain
