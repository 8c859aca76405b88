#pragma once
// Names of the hub's topics, in one place.
#include <cstdint>
#include <string>
#include <string_view>

namespace livedesk::api::topics {

// Everything a session's customer sockets receive.
inline std::string customer_of(std::int64_t session_id) { return "customer:" + std::to_string(session_id); }
// Everything an agent's sockets receive about its own chats.
inline std::string agent(std::int64_t user_id) { return "agent:" + std::to_string(user_id); }
// Control messages for a session's customer sockets (closing them when the customer is blocked).
inline std::string customer_control(std::int64_t session_id) { return "control:" + std::to_string(session_id); }
// Silent watchers of one session (supervisors).
inline std::string watchers_of(std::int64_t session_id) { return "watch:" + std::to_string(session_id); }
// The floor: one topic per dashboard push type.
inline std::string floor(std::string_view event_type) { return "floor:" + std::string(event_type); }

}  // namespace livedesk::api::topics
