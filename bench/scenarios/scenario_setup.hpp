// The one set-up every scenario starts with, through the documented admin and
// chat API: wait until the server is ready, log the admin in, create the staff
// accounts (a supervisor, agents) and log each in, start the customers' chats.
//
// set_up_cast runs in the parent before any worker is forked, on an io_context
// of its own; start_chat is also used during a run (fan-out), on the caller's
// io_context thread. Everything dies (process/fatal.hpp) on a failed step.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clients/bench_clients.hpp"

namespace livedesk::bench {

// A logged-in staff account.
struct Staff {
  int64_t id = 0;
  std::string token;
};

// A started chat, as its customer holds it.
struct Customer {
  int64_t session_id = 0;
  std::string token;
};

// Who a scenario needs before its load starts.
struct CastRequest {
  bool supervisor = false;  // username "sup0"
  int agents = 0;           // usernames "agent0" ..
  int customers = 0;        // chats started, no agent on yet
};

struct Cast {
  Staff supervisor;
  std::vector<Staff> agents;
  std::vector<Customer> customers;
};

Cast set_up_cast(const CastRequest& request);

// POST /api/v1/chat/sessions for a new customer (with a first message when not
// empty); nullopt unless the answer is 201.
boost::asio::awaitable<std::optional<Customer>> start_chat(HttpConnection& http,
                                                           const std::string& first_message = {});

}  // namespace livedesk::bench
