#pragma once
// An agent's availability, as the contract names it.
#include <optional>
#include <string_view>

namespace livedesk::domain {

// active: taking chats; idle: connected, away; in_call: busy; offline: no live connection.
enum class AgentStatus { active, idle, in_call, offline };

std::string_view to_string(AgentStatus status);
std::optional<AgentStatus> parse_agent_status(std::string_view text);

}  // namespace livedesk::domain
