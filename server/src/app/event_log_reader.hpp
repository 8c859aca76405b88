#pragma once
// How a node's bus reads the event log when it may have missed events
// (bus::LogFollower): a read on the store executor's readers, waited for on
// the calling thread (the bus's delivery thread) for at most `timeout`, and
// tried again every 200 ms for `retry_for` while it fails (nothing commits
// while the database is away, so nothing waits behind it for long).
// The executor must outlive the reader.
#include <chrono>

#include "bus/log_follower.hpp"
#include "store/store_executor.hpp"

namespace livedesk::app {

// nullopt from the reader when no read succeeded within `retry_for`.
bus::LogFollower::Reader event_log_reader(store::StoreExecutor& store, std::chrono::milliseconds timeout,
                                          std::chrono::milliseconds retry_for);

}  // namespace livedesk::app
