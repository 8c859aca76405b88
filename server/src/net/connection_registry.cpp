#include "net/connection_registry.hpp"

#include <vector>

namespace livedesk::net {

ConnectionRegistry::Id ConnectionRegistry::add(std::function<void()> stop) {
  std::lock_guard lock(mutex_);
  if (stopping_) return 0;
  Id id = next_id_++;
  stops_.emplace(id, std::move(stop));
  return id;
}

void ConnectionRegistry::remove(Id id) {
  std::lock_guard lock(mutex_);
  stops_.erase(id);
}

void ConnectionRegistry::stop_all() {
  std::vector<std::function<void()>> stops;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, stop] : stops_) stops.push_back(stop);
  }
  for (auto& stop : stops) stop();
}

bool ConnectionRegistry::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return stops_.size();
}

}  // namespace livedesk::net
