#pragma once
// Turns committed chat events into frames, each serialized once, and hands
// them to the hub's topics: the session's customer sockets, its agent's
// sockets, silent watchers, and the floor (dashboards, agent consoles).
#include "bus/event_bus.hpp"
#include "realtime/topic_hub.hpp"

namespace livedesk::api {

// Subscribes the fan-out to `bus`; both must outlive publishing.
void connect_realtime_fanout(bus::EventBus& bus, realtime::TopicHub& hub);

}  // namespace livedesk::api
