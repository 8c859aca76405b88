#pragma once
// The three snapshot pushes (queue_updated, metrics_updated,
// active_sessions_updated), coalesced: changes only mark a snapshot dirty;
// tick() builds each dirty (or overdue) snapshot once, serializes it once and
// publishes it to its floor topic, never more often than the minimum interval
// and never while the previous one is still being built. So a burst of
// changes costs one snapshot, and every subscriber gets the latest state.
// Snapshots nobody subscribes to are not built at all.
#include <atomic>
#include <chrono>
#include <mutex>

#include "bus/event_bus.hpp"
#include "realtime/topic_hub.hpp"
#include "service/chat_service.hpp"

namespace livedesk::api {

struct SnapshotPeriods {
  std::chrono::milliseconds min_interval{250};
  std::chrono::milliseconds queue{5000};
  std::chrono::milliseconds metrics{10'000};
  std::chrono::milliseconds active_sessions{10'000};
};

// See the file comment. tick() may be called from any thread.
class SnapshotPublisher {
 public:
  SnapshotPublisher(service::ChatService& chat, realtime::TopicHub& hub, bus::EventBus& bus, SnapshotPeriods periods);
  void tick();

 private:
  enum Kind { queue = 0, metrics = 1, active = 2 };
  struct Slot {
    std::atomic<bool> dirty{true};
    std::atomic<bool> building{false};
    std::chrono::steady_clock::time_point last_published{};
  };
  void mark(std::initializer_list<Kind> kinds);
  void build(Kind kind);

  service::ChatService& chat_;
  realtime::TopicHub& hub_;
  SnapshotPeriods periods_;
  std::mutex mutex_;  // guards last_published
  Slot slots_[3];
};

}  // namespace livedesk::api
