#pragma once
// An EventBus in front of another that measures fan-out latency: the time from
// an event's publication (the engine publishes right after the commit) until
// every listener of this node has handled it (the realtime fan-out has queued
// its frames on every subscribed connection). It measures one event at a
// time: while one measurement is in flight, later events pass unmeasured, so
// the cost is at most one extra job on the delivery thread per round, not
// one per event. Events from other nodes are not measured (their commit
// happened elsewhere, on another clock).
//
// Threads: as the bus it wraps. Both `inner` and `latency` must outlive
// delivery (the app stops the delivery thread before either goes).
#include <atomic>
#include <chrono>

#include "bus/event_bus.hpp"
#include "support/metrics/histogram.hpp"

namespace livedesk::bus {

// Forwards to `inner`, timing a sample of publications; see the file comment.
class TimedEventBus final : public EventBus {
 public:
  TimedEventBus(EventBus& inner, support::Histogram& latency) : inner_(inner), latency_(latency) {}

  using EventBus::publish;
  void publish(const Event& event, std::int64_t position) override {
    inner_.publish(event, position);
    if (measuring_.exchange(true, std::memory_order_acq_rel)) return;
    const auto published = std::chrono::steady_clock::now();
    inner_.after_delivered([this, published] {
      latency_.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - published).count());
      measuring_.store(false, std::memory_order_release);
    });
  }
  void listen(Listener listener) override { inner_.listen(std::move(listener)); }
  void listen_positions(PositionListener listener) override { inner_.listen_positions(std::move(listener)); }
  void after_delivered(std::function<void()> then) override { inner_.after_delivered(std::move(then)); }

 private:
  EventBus& inner_;
  support::Histogram& latency_;
  std::atomic<bool> measuring_{false};
};

}  // namespace livedesk::bus
