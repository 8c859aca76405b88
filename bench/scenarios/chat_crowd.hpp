// One worker's share of a chat scenario (chat, storm): its agents and
// customers, what their sockets count, and the latches the worker waits on.
// Agents connect first, so that the server routes each customer's chat as it
// comes. Built once with its final size (the socket callbacks hold references
// into it), never copied or moved; worker io_context thread only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <vector>

#include "async/latch.hpp"
#include "scenarios/agent_conn.hpp"
#include "scenarios/customer_conn.hpp"
#include "stats/chat_stats.hpp"

namespace livedesk::bench {

// The agents and customers one worker drives.
class ChatCrowd {
 public:
  ChatCrowd(const std::vector<Staff>& agents, const std::vector<Customer>& customers);
  ChatCrowd(const ChatCrowd&) = delete;
  ChatCrowd& operator=(const ChatCrowd&) = delete;

  // Every agent, `parallel` handshakes at a time; returns once all are authenticated (or after 60 s).
  boost::asio::awaitable<void> connect_agents(int parallel);
  // Every customer, `parallel` handshakes at a time; returns once every chat is
  // active (or after `timeout_ms`).
  boost::asio::awaitable<void> connect_customers(int parallel, int64_t timeout_ms);
  // The chats the agents hold now.
  int64_t agent_sessions() const;

  ChatStats stats;
  Latch authed, active, agent_authed;  // customers authenticated (each time), chats active, agents authenticated
  std::vector<AgentConn> agents;
  std::vector<CustomerConn> customers;
};

}  // namespace livedesk::bench
