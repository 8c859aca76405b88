// One customer's chat socket in a worker, and what it has seen: whether it is
// authenticated and its chat active, every message seq received (for the
// storm's loss and duplicate check), its send budget. Lives in a vector that
// does not grow after connecting (the socket callbacks hold references to it);
// worker io_context thread only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <vector>

#include "async/latch.hpp"
#include "clients/bench_clients.hpp"
#include "scenarios/scenario_setup.hpp"
#include "stats/chat_stats.hpp"

namespace livedesk::bench {

// A customer's WebSocket and its per-connection state.
struct CustomerConn {
  Customer c;
  std::shared_ptr<WsConnection> ws;
  bool authed = false, active = false;
  int64_t last_seq = 0;
  std::vector<uint8_t> seen;  // seen[seq]
  int64_t dups = 0;
  int64_t resumed_us = 0;  // when auth_success last came
  double budget = 0;
  int64_t serial = 0;
};

// Opens /api/v1/chat/ws and sends auth with cc.last_seq (a resume after the
// first time); counts into `st`, `authed` (each auth_success) and `active`
// (once per chat). False when the socket could not be opened.
boost::asio::awaitable<bool> connect_customer(CustomerConn& cc, ChatStats& st, Latch& authed, Latch& active);

}  // namespace livedesk::bench
