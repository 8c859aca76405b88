#pragma once
// Carries committed changes from the services to whoever listens (the
// realtime fan-out, the snapshot publisher; on several nodes, the other
// nodes). Listeners are added at wiring time, before publishing starts.
// Events reach listeners one at a time, in the order they were published.
// A logged event carries its event-log position (store/event_store.hpp);
// position listeners hear it once every listener has the event.
#include <cstdint>
#include <functional>
#include <vector>

#include "bus/events.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::bus {

using Listener = std::function<void(const Event&)>;
using PositionListener = std::function<void(std::int64_t position)>;

// The bus interface; in-process here, Redis pub/sub for several nodes.
class EventBus {
 public:
  virtual ~EventBus() = default;
  // `position`: the event's place in the event log, 0 for one that is not logged.
  virtual void publish(const Event& event, std::int64_t position) = 0;
  void publish(const Event& event) { publish(event, 0); }
  virtual void listen(Listener listener) = 0;
  // Hears the position of each logged event delivered (on the delivery thread).
  virtual void listen_positions(PositionListener listener) = 0;
  // Runs `then` once every event published before this call has reached every
  // listener: how a reconnecting client is subscribed at exactly the point
  // between the history it reads and the events it will be sent.
  virtual void after_delivered(std::function<void()> then) = 0;
};

// Delivers on one dedicated thread, so the store thread that publishes hands
// the fan-out (serializing frames, queueing them on every connection) to the
// other core and goes on committing.
class InProcessBus final : public EventBus {
 public:
  explicit InProcessBus(support::WorkerThread& delivery) : delivery_(delivery) {}
  using EventBus::publish;
  void publish(const Event& event, std::int64_t position) override {
    delivery_.post([this, event, position] {
      for (const auto& listener : listeners_) listener(event);
      if (position > 0)
        for (const auto& listener : position_listeners_) listener(position);
    });
  }
  void listen(Listener listener) override { listeners_.push_back(std::move(listener)); }
  void listen_positions(PositionListener listener) override { position_listeners_.push_back(std::move(listener)); }
  void after_delivered(std::function<void()> then) override { delivery_.post(std::move(then)); }

 private:
  support::WorkerThread& delivery_;
  std::vector<Listener> listeners_;
  std::vector<PositionListener> position_listeners_;
};

}  // namespace livedesk::bus
