#pragma once
// The public face of the event log: which of the chat core's events are
// logged, under which type, and the JSON that webhooks and the event stream
// send for an entry. Pure functions; any thread.
//
// An entry's JSON: {"id": event id, "position": n, "type": "message.created",
// "time": ISO-8601 UTC, "data": the event's fields as bus/event_codec writes
// them}. Types are "<aggregate>.<what happened>" (docs/integrations.md lists them).
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "bus/events.hpp"
#include "store/event_store.hpp"

namespace livedesk::service {

// The public type of a change that is logged, or nullopt for a passing state
// that is only published (typing, queue depth and positions).
std::optional<std::string> logged_type(const bus::Event& event);

// The entry as integrations receive it.
boost::json::object event_json(const store::EventRecord& record);

// The bus event an entry holds; nullopt when the payload is not one this build knows.
std::optional<bus::Event> logged_event(const store::EventRecord& record);

}  // namespace livedesk::service
