#pragma once
// Carries committed changes from the services to whoever listens (the
// realtime fan-out; on several nodes, the other nodes). Listeners are added
// at wiring time, before publishing starts.
#include <functional>
#include <vector>

#include "bus/events.hpp"

namespace livedesk::bus {

using Listener = std::function<void(const Event&)>;

// The bus interface; in-process here, Redis pub/sub for several nodes.
class EventBus {
 public:
  virtual ~EventBus() = default;
  virtual void publish(const Event& event) = 0;
  virtual void listen(Listener listener) = 0;
};

// Delivers each event synchronously, on the publisher's thread, to every
// listener in the order they were added. Listeners must not block.
class InProcessBus final : public EventBus {
 public:
  void publish(const Event& event) override {
    for (const auto& listener : listeners_) listener(event);
  }
  void listen(Listener listener) override { listeners_.push_back(std::move(listener)); }

 private:
  std::vector<Listener> listeners_;
};

}  // namespace livedesk::bus
