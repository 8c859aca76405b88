#include "net/connection_registry.hpp"

#include <vector>

namespace livedesk::net {

ConnectionRegistry::Id ConnectionRegistry::add(std::function<void()> stop, std::function<void()> restart) {
  std::lock_guard lock(mutex_);
  if (stopping_) return 0;
  Id id = next_id_++;
  stops_.emplace(id, std::move(stop));
  if (restart) restarts_.emplace(id, std::move(restart));
  return id;
}

void ConnectionRegistry::remove(Id id) {
  std::lock_guard lock(mutex_);
  stops_.erase(id);
  restarts_.erase(id);
}

std::size_t ConnectionRegistry::restart_all() {
  std::vector<std::function<void()>> restarts;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, restart] : restarts_) restarts.push_back(restart);
  }
  for (auto& restart : restarts) restart();
  return restarts.size();
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
