// The load generator's clock and waits. Timestamps are CLOCK_MONOTONIC
// microseconds, which every process on the machine shares, so a send time
// stamped in one worker is comparable with a receive time in another. The
// waits are coroutines on the caller's executor.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdint>

namespace livedesk::bench {

// Completion token for awaiting without exceptions: errors come back in a tuple.
inline constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

int64_t now_us();
boost::asio::awaitable<void> sleep_ms(int64_t ms);
// Returns at once when `t_us` (now_us() time) has passed.
boost::asio::awaitable<void> sleep_until_us(int64_t t_us);

}  // namespace livedesk::bench
