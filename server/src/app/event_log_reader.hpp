#pragma once
// How a node's bus reads the event log when it may have missed events
// (bus::LogFollower): a read on the store executor's readers, waited for on
// the calling thread (the bus's delivery thread) for at most `timeout`.
// The executor must outlive the reader.
#include <chrono>

#include "bus/log_follower.hpp"
#include "store/store_executor.hpp"

namespace livedesk::app {

// nullopt from the reader when the read fails or takes longer than `timeout`.
bus::LogFollower::Reader event_log_reader(store::StoreExecutor& store, std::chrono::milliseconds timeout);

}  // namespace livedesk::app
