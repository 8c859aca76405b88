// The paced senders of the chat and storm scenarios: every 5 ms each
// authenticated customer with an active chat, and each agent holding chats,
// adds rate * dt to its budget (at most 3) and sends whole messages, each
// stamped with its send time. Runs as one coroutine on the worker's io_context
// thread until `running` is set false.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "scenarios/chat_crowd.hpp"

namespace livedesk::bench {

// Send rates and the switch of one worker's paced sending.
struct Pacer {
  double customer_rate = 0;        // messages/s per customer
  double agent_rate_per_chat = 0;  // messages/s per chat the agent holds
  int body_bytes = 64;
  bool running = false;
  double agent_conn_rate = -1;  // when >= 0: messages/s per agent connection instead

  // Sends for `crowd` until running is false; `worker` makes the client_msg_ids unique.
  boost::asio::awaitable<void> pace(ChatCrowd& crowd, int worker);
};

}  // namespace livedesk::bench
