#pragma once
// The routing choice: which agent gets the next waiting chat.
#include <cstdint>
#include <optional>
#include <span>

#include "domain/agent_status.hpp"
#include "domain/clock.hpp"

namespace livedesk::domain {

// What routing needs to know about one agent.
struct AgentLoad {
  std::int64_t agent_id = 0;
  AgentStatus status = AgentStatus::offline;
  int open_chats = 0;
  int capacity = 3;
  TimePoint idle_since{};  // when the agent last had fewer chats or became active
};

// True when the agent may be given one more chat.
bool can_take_chat(const AgentLoad& agent);

// The least-loaded agent that can take a chat; ties go to the one idle
// longest, then to the lowest id (so the choice is deterministic).
std::optional<std::int64_t> choose_agent(std::span<const AgentLoad> agents);

}  // namespace livedesk::domain
