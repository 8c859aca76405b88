#include "domain/waiting_queue.hpp"

#include <iterator>

namespace livedesk::domain {

void WaitingQueue::push(std::int64_t session_id, std::int64_t enqueued_ms, int priority) {
  remove(session_id);
  Key key{-priority, 1, enqueued_ms, session_id};
  order_.emplace(key, session_id);
  keys_.emplace(session_id, key);
}

void WaitingQueue::push_front(std::int64_t session_id, int priority) {
  remove(session_id);
  Key key{-priority, 0, ++front_counter_, session_id};
  order_.emplace(key, session_id);
  keys_.emplace(session_id, key);
}

bool WaitingQueue::remove(std::int64_t session_id) {
  auto it = keys_.find(session_id);
  if (it == keys_.end()) return false;
  order_.erase(it->second);
  keys_.erase(it);
  return true;
}

std::optional<std::int64_t> WaitingQueue::front() const {
  if (order_.empty()) return std::nullopt;
  return order_.begin()->second;
}

std::size_t WaitingQueue::position(std::int64_t session_id) const {
  auto it = keys_.find(session_id);
  if (it == keys_.end()) return 0;
  // Queues are short (tens to a few thousand); a linear rank keeps the structure simple.
  return std::size_t(std::distance(order_.begin(), order_.find(it->second))) + 1;
}

std::vector<std::int64_t> WaitingQueue::ordered() const {
  std::vector<std::int64_t> ids;
  ids.reserve(order_.size());
  for (const auto& [key, id] : order_) ids.push_back(id);
  return ids;
}

}  // namespace livedesk::domain
