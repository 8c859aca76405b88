#pragma once
// Holds a reconnecting socket's live frames while its history is read, so the
// client gets its history first and every message exactly once, wherever the
// history is read (this node's store thread, or the leader's across the
// network). The connection subscribes the gate BEFORE asking for the history:
// an event delivered before that was committed before it, so the history
// holds it; one delivered after is held here, and dropped on open() when it is
// a message the history (or the client itself) already has.
//
// Thread-safety: deliver() from any thread (the hub's delivery), open() once
// from any thread; the gate passes frames on in the order it got them.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "api/ws_connection.hpp"
#include "realtime/subscriber.hpp"

namespace livedesk::api {

// A subscriber that buffers until open(), then forwards to its connection.
class ResumeGate final : public realtime::Subscriber {
 public:
  explicit ResumeGate(std::shared_ptr<WsConnection> connection) : connection_(std::move(connection)) {}

  void deliver(const realtime::Frame& frame) override;
  void deliver_latest(const realtime::Frame& frame, int key) override;

  // Sends `first` (the answer and the history), then the held frames, except
  // message_created frames with seq <= covered[session_id] (the highest seq
  // the client has: its own last seq or the history's last, whichever is higher).
  void open(const std::vector<realtime::Frame>& first, const std::map<std::int64_t, std::int64_t>& covered);

 private:
  struct Held {
    realtime::Frame frame;
    std::optional<int> latest_key;
  };
  std::shared_ptr<WsConnection> connection_;
  std::mutex mutex_;
  bool open_ = false;
  std::vector<Held> held_;
};

// The session id and seq of a message_created frame, nullopt for any other frame.
std::optional<std::pair<std::int64_t, std::int64_t>> message_frame_position(const std::string& frame);

}  // namespace livedesk::api
