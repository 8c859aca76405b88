#pragma once
// Which message a frame carries: enough for a reader of frames (the resume
// gate) to tell a message the client already has without reading the text.
#include <cstdint>

namespace livedesk::realtime {

// A message's place: its session and its seq in that session.
struct MessagePosition {
  std::int64_t session_id = 0;
  std::int64_t seq = 0;
};

}  // namespace livedesk::realtime
