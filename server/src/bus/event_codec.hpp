#pragma once
// Events as JSON, for carrying them between nodes: {"type":"message_created",
// "data":{...the event's fields...}}. The data is the event struct converted
// member by member (bus/event_descriptions.hpp), so a field added to an event
// travels without touching this code. Decoding is strict (every field present,
// no unknown ones, right types) and never throws: anything else is nullopt.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bus/events.hpp"

namespace livedesk::bus {

// The "type" tag of an event: its struct name in snake_case.
std::string_view event_type(const Event& event) noexcept;

boost::json::value event_to_json(const Event& event);
std::optional<Event> event_from_json(const boost::json::value& json) noexcept;

std::string encode_event(const Event& event);
std::optional<Event> decode_event(std::string_view text) noexcept;

}  // namespace livedesk::bus
