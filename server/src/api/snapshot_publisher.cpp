#include "api/snapshot_publisher.hpp"

#include "api/chat_json.hpp"
#include "api/dashboard_json.hpp"
#include "api/topics.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
constexpr const char* type_names[] = {"queue_updated", "metrics_updated", "active_sessions_updated"};

// Which snapshots an event makes stale.
struct Staleness {
  std::vector<int> operator()(const bus::SessionChanged&) const { return {0, 1, 2}; }
  std::vector<int> operator()(const bus::QueueDepthChanged&) const { return {0, 1}; }
  std::vector<int> operator()(const bus::QueuePositions&) const { return {}; }
  std::vector<int> operator()(const bus::MessageCreated&) const { return {1, 2}; }
  std::vector<int> operator()(const bus::TypingChanged&) const { return {}; }
  std::vector<int> operator()(const bus::ReceiptAdvanced&) const { return {1, 2}; }
  std::vector<int> operator()(const bus::AgentStatusChanged&) const { return {1}; }
  std::vector<int> operator()(const bus::AssignmentRevoked&) const { return {}; }
  std::vector<int> operator()(const bus::TransferChanged&) const { return {}; }
  std::vector<int> operator()(const bus::NoteChanged&) const { return {}; }
  std::vector<int> operator()(const bus::CannedChanged&) const { return {}; }
  std::vector<int> operator()(const bus::BlockChanged&) const { return {}; }
  // Tags and dispositions (#14)
  std::vector<int> operator()(const bus::ConversationTagChanged&) const { return {}; }
  std::vector<int> operator()(const bus::DispositionSet&) const { return {}; }
  std::vector<int> operator()(const bus::ContactErased&) const { return {}; }  // #14 privacy
  std::vector<int> operator()(const bus::ContactChanged&) const { return {}; }  // contacts
};
}  // namespace

SnapshotPublisher::SnapshotPublisher(service::ChatService& chat, realtime::TopicHub& hub, bus::EventBus& bus,
                                     SnapshotPeriods periods)
    : chat_(chat), hub_(hub), periods_(periods) {
  bus.listen([this](const bus::Event& event) {
    for (int kind : std::visit(Staleness{}, event)) slots_[kind].dirty = true;
  });
}

void SnapshotPublisher::tick() {
  const auto now = std::chrono::steady_clock::now();
  const std::chrono::milliseconds periods[] = {periods_.queue, periods_.metrics, periods_.active_sessions};
  for (int kind = 0; kind < 3; ++kind) {
    Slot& slot = slots_[kind];
    if (hub_.subscriber_count(topics::floor(type_names[kind])) == 0 || slot.building) continue;
    {
      std::lock_guard lock(mutex_);
      const auto since = now - slot.last_published;
      const bool due = since >= periods[kind] || (slot.dirty && since >= periods_.min_interval);
      if (!due) continue;
    }
    slot.dirty = false;
    slot.building = true;
    build(Kind(kind));
  }
}

void SnapshotPublisher::build(Kind kind) {
  auto publish = [this, kind](json::object data) {
    {
      std::lock_guard lock(mutex_);
      slots_[kind].last_published = std::chrono::steady_clock::now();
    }
    // Keyed by kind: a dashboard that is behind gets the newest snapshot in place of a stale queued one.
    hub_.publish_latest(topics::floor(type_names[kind]), event_frame(type_names[kind], std::move(data)), 1 + kind);
    slots_[kind].building = false;
  };
  auto failed = [this, kind] { slots_[kind].building = false; };
  switch (kind) {
    case queue:
      return chat_.call(service::calls::ListWaiting{},
                        [publish, failed](service::Outcome<std::vector<domain::SessionView>> outcome) {
                          if (auto* list = std::get_if<std::vector<domain::SessionView>>(&outcome))
                            return publish(queue_json(*list));
                          failed();
                        });
    case metrics:
      return chat_.call(service::calls::GetMetrics{}, [publish, failed](service::Outcome<domain::MetricsView> outcome) {
        if (auto* m = std::get_if<domain::MetricsView>(&outcome))
          return publish(json::object{{"metrics", metrics_json(*m)}});
        failed();
      });
    case active:
      return chat_.call(service::calls::ListActive{},
                        [publish, failed](service::Outcome<std::vector<domain::SessionView>> outcome) {
                          if (auto* list = std::get_if<std::vector<domain::SessionView>>(&outcome))
                            return publish(json::object{{"sessions", sessions_json(*list)}});
                          failed();
                        });
  }
}

}  // namespace livedesk::api
