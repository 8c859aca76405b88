#pragma once
// An outgoing WebSocket frame: serialized once, shared read-only by every
// connection it goes to.
#include <memory>
#include <string>

namespace livedesk::realtime {

using Frame = std::shared_ptr<const std::string>;

inline Frame make_frame(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

}  // namespace livedesk::realtime
