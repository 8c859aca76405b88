// One agent's socket in a worker and the chats it holds (kept current from
// auth_success and session_update), which its paced sends go round robin
// over. Lives in a vector that does not grow after connecting; worker
// io_context thread only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "async/latch.hpp"
#include "clients/bench_clients.hpp"
#include "scenarios/scenario_setup.hpp"
#include "stats/chat_stats.hpp"

namespace livedesk::bench {

// An agent's WebSocket and the sessions assigned to it.
struct AgentConn {
  Staff s;
  std::shared_ptr<WsConnection> ws;
  bool authed = false;
  std::vector<int64_t> sessions;
  size_t rr = 0;
  double budget = 0;
  int64_t serial = 0;
};

// Opens /api/v1/agent/ws and authenticates; counts into `st` and `authed`.
// False when the socket could not be opened.
boost::asio::awaitable<bool> connect_agent(AgentConn& a, ChatStats& st, Latch& authed);

}  // namespace livedesk::bench
