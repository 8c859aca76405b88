#pragma once
// Puts the logged events that reach a node back in log order, once each. An
// event whose position was delivered already is dropped; a gap before one is
// filled from the event log first; catch_up() reads whatever was logged after
// the last position delivered (after the Redis subscription came back, or the
// leader changed). Events that are not logged (position 0: typing, queue
// moves) pass straight through: missing one of those only leaves a passing
// state stale until the next.
//
// Until follow() is called nothing is known of the log and logged events pass
// through as they come. A plain structure with no thread of its own: used by
// one thread only (the bus's delivery thread), and the reader runs on it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "bus/events.hpp"

namespace livedesk::bus {

// Delivers logged events in position order, filling gaps from the log.
class LogFollower {
 public:
  struct Entry {
    std::int64_t position = 0;
    std::optional<Event> event;  // nullopt: an event this build does not know (skipped, position kept)
  };
  // Up to `limit` entries after `after`, oldest first; nullopt when the log cannot answer.
  using Reader = std::function<std::optional<std::vector<Entry>>(std::int64_t after, std::size_t limit)>;
  using Deliver = std::function<void(const Event& event, std::int64_t position)>;

  explicit LogFollower(Deliver deliver, std::size_t page = 500) : deliver_(std::move(deliver)), page_(page) {}

  // From now on positions up to `delivered_up_to` count as delivered.
  void follow(Reader reader, std::int64_t delivered_up_to);

  // A live event. False when a gap before it could not be filled (the log did
  // not answer, or no longer holds those positions); it is delivered anyway.
  bool offer(const Event& event, std::int64_t position);
  // Delivers everything logged after the last delivered position; false when
  // the log could not answer (or this follower is not following).
  bool catch_up();

  std::int64_t delivered_up_to() const { return delivered_; }
  std::uint64_t filled() const { return filled_; }         // events delivered from the log
  std::uint64_t duplicates() const { return duplicates_; }  // live events dropped as already delivered

 private:
  // Reads and delivers entries after delivered_ up to `until` (inclusive; 0: no bound).
  bool fill(std::int64_t until);
  void deliver(const Event& event, std::int64_t position);

  Deliver deliver_;
  const std::size_t page_;
  Reader reader_;
  std::int64_t delivered_ = 0;
  std::uint64_t filled_ = 0, duplicates_ = 0;
};

}  // namespace livedesk::bus
