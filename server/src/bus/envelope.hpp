#pragma once
// An event as it travels between nodes: {"origin":<node id>,"n":<number in
// that node's sequence, from 1>,"position":<its place in the event log, for a
// logged event>,"event":<bus/event_codec.hpp>}. `n` lets a receiver notice
// events it never got (a gap) or a publisher that restarted; `position` lets
// it read what it missed from the log.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bus/events.hpp"

namespace livedesk::bus {

// A publisher with nothing to send publishes a tick instead, {"origin","n","tick":true}, about once a
// heartbeat: a receiver then learns of numbers it missed (events dropped while Redis was away) within a
// heartbeat even when no event follows them.
std::string encode_tick(std::string_view origin, std::uint64_t n);

// `position` 0: not a logged event (the key is left out).
std::string encode_envelope(std::string_view origin, std::uint64_t n, const Event& event, std::int64_t position = 0);

// A decoded envelope whose event may not be: a node running a newer build may
// send an event this one does not know, and the receiver still needs `n`.
struct DecodedEnvelope {
  std::string origin;
  std::uint64_t n = 0;
  std::int64_t position = 0;  // 0: not logged
  std::optional<Event> event;
  bool tick = false;  // a tick carries no event
};

// nullopt when the envelope itself (JSON, origin, n) is malformed; keys it
// does not know are ignored, so later builds can add some. Never throws.
std::optional<DecodedEnvelope> decode_envelope(std::string_view text) noexcept;

}  // namespace livedesk::bus
