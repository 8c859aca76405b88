#pragma once
// The waiting queue: higher priority first, then oldest first; a chat sent
// back (its agent never answered) goes ahead of every chat of its priority.
// Positions are 1-based. Not thread-safe: owned by one thread.
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace livedesk::domain {

// Ordered waiting sessions with O(log n) insert, remove and position lookup by rank.
class WaitingQueue {
 public:
  void push(std::int64_t session_id, std::int64_t enqueued_ms, int priority = 0);
  // Ahead of every chat of the same priority (a requeue after a missed assignment).
  void push_front(std::int64_t session_id, int priority = 0);
  bool remove(std::int64_t session_id);
  bool contains(std::int64_t session_id) const { return keys_.count(session_id) != 0; }
  std::optional<std::int64_t> front() const;
  // 1-based position, or 0 when not queued.
  std::size_t position(std::int64_t session_id) const;
  std::size_t depth() const { return order_.size(); }
  bool empty() const { return order_.empty(); }
  // Session ids in queue order.
  std::vector<std::int64_t> ordered() const;

 private:
  // (negated priority, tier: 0 requeued / 1 normal, time, id)
  using Key = std::tuple<int, int, std::int64_t, std::int64_t>;
  std::map<Key, std::int64_t> order_;
  std::unordered_map<std::int64_t, Key> keys_;
  std::int64_t front_counter_ = 0;  // later requeues go behind earlier ones
};

}  // namespace livedesk::domain
