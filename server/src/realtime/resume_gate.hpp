#pragma once
// Holds a reconnecting socket's live frames while its history is read, so the
// client gets its history first and every message exactly once, wherever the
// history is read (this node's store thread, or the leader's across the
// network). The connection subscribes the gate BEFORE asking for the history:
// an event delivered before that was committed before it, so the history
// holds it; one delivered after is held here, and dropped on open() when it is
// a message the history (or the client itself) already has. After open() it
// keeps dropping a message at or below the highest seq the client has for its
// session: an event committed before the history was read may still be on its
// way from another node, and a seq is never sent twice. A frame is a message
// when it carries a MessagePosition; the gate never reads frame text.
//
// Thread-safety: deliver() from any thread (the hub's delivery), open() once
// from any thread; the gate passes frames on in the order it got them.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "realtime/subscriber.hpp"

namespace livedesk::realtime {

// A subscriber that buffers until open(), then forwards to its recipient (the socket).
class ResumeGate final : public Subscriber {
 public:
  explicit ResumeGate(std::shared_ptr<Subscriber> recipient) : recipient_(std::move(recipient)) {}

  void deliver(const Frame& frame) override;
  void deliver_latest(const Frame& frame, int key) override;

  // Sends `first` (the answer and the history), then the held frames, except
  // messages with seq <= covered[session_id] (the highest seq the client has:
  // its own last seq or the history's last, whichever is higher).
  void open(const std::vector<Frame>& first, const std::map<std::int64_t, std::int64_t>& covered);

 private:
  // Records that the client has `seq` of `session_id`; false when it had it (or a later one) already.
  bool raise(std::int64_t session_id, std::int64_t seq);

  struct Held {
    Frame frame;
    std::optional<int> latest_key;
  };
  std::shared_ptr<Subscriber> recipient_;
  std::mutex mutex_;
  bool open_ = false;
  std::vector<Held> held_;
  std::map<std::int64_t, std::int64_t> covered_;  // after open(): the highest seq sent, by session
};

}  // namespace livedesk::realtime
