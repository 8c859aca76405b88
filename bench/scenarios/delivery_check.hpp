// The end-of-run check of the scenarios whose customers drop and resume (storm,
// soak): every seq from 1 to the newest one a customer saw arrived exactly once,
// and the server stores nothing newer for that chat (the REST tail). Runs on
// the worker's io_context thread once its traffic has stopped and drained.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "scenarios/chat_crowd.hpp"

namespace livedesk::bench {

// {"lost", "duplicated", "lost_tail", "seqs_checked"} over the crowd's customers.
boost::asio::awaitable<boost::json::object> verify_no_loss(ChatCrowd& crowd);

}  // namespace livedesk::bench
