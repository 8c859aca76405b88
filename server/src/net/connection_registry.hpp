#pragma once
// Every live connection registers how to stop it, so shutdown can stop them
// all: idle HTTP connections close, WebSockets close with 1001. WebSockets
// also register how to ask their client to reconnect (1012), used when this
// node may have missed events and its clients must resume from the database.
// The functions are called without the registry's lock held.
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace livedesk::net {

// The set of live connections' stop functions.
class ConnectionRegistry {
 public:
  using Id = std::uint64_t;
  // Returns 0 (and does not register) once stop_all() has run: the caller should close at once.
  Id add(std::function<void()> stop, std::function<void()> restart = {});
  void remove(Id id);
  void stop_all();
  // Runs every registered restart function; returns how many.
  std::size_t restart_all();
  bool stopping() const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Id, std::function<void()>> stops_;
  std::unordered_map<Id, std::function<void()>> restarts_;
  Id next_id_ = 1;
  bool stopping_ = false;
};

}  // namespace livedesk::net
