#pragma once
// An outgoing WebSocket frame: serialized once, shared read-only by every
// connection it goes to. Whoever builds a message frame also says which
// message it carries; nobody downstream parses the text again.
#include <memory>
#include <optional>
#include <string>

#include "realtime/message_position.hpp"

namespace livedesk::realtime {

// The text of one frame and, for a message_created frame, its message's position.
struct SerializedFrame {
  std::string text;
  std::optional<MessagePosition> message;
};

using Frame = std::shared_ptr<const SerializedFrame>;

// One allocation for the shared frame; the text's buffer is moved in, not copied.
inline Frame make_frame(std::string text, std::optional<MessagePosition> message = std::nullopt) {
  return std::make_shared<const SerializedFrame>(SerializedFrame{std::move(text), message});
}

}  // namespace livedesk::realtime
