#include "service/node_presence.hpp"

#include <set>

namespace livedesk::service {
namespace {
// Moves `entry` to `count` (when `version` is newer), calling up/down once per socket.
template <class Up, class Down>
void move_to(int count, std::int64_t version, int& current, std::int64_t& seen, Up up, Down down) {
  if (version < seen) return;
  seen = version;
  for (; current < count; ++current) up();
  for (; current > count; --current) down();
}
}  // namespace

void NodePresence::apply(const PresenceReport& report, const PresenceDelta& delta) {
  auto& node = nodes_[report.node_id];
  std::set<std::int64_t> staff_seen, customers_seen;
  for (const auto& [actor, count] : report.staff) {
    staff_seen.insert(actor.id);
    auto& [known, entry] = node.staff.try_emplace(actor.id, actor, Entry{}).first->second;
    known = actor;
    // Structured bindings are captured through init-captures: clang before 16 cannot capture them directly.
    move_to(count, report.version, entry.count, entry.version, [&, &known = known] { delta.staff_connected(known); },
            [&, &known = known] { delta.staff_disconnected(known); });
  }
  for (const auto& [session_id, count] : report.customers) {
    customers_seen.insert(session_id);
    auto& entry = node.customers[session_id];
    move_to(count, report.version, entry.count, entry.version, [&, id = session_id] { delta.customer_connected(id); },
            [&, id = session_id] { delta.customer_disconnected(id); });
  }
  if (!report.complete) return;
  for (auto& [id, known_entry] : node.staff) {
    auto& [known, entry] = known_entry;
    if (!staff_seen.count(id))
      move_to(0, report.version, entry.count, entry.version, [] {},
              [&, &known = known] { delta.staff_disconnected(known); });
  }
  for (auto& [id, entry] : node.customers)
    if (!customers_seen.count(id))
      move_to(0, report.version, entry.count, entry.version, [] {}, [&, id = id] { delta.customer_disconnected(id); });
}

void NodePresence::forget(const std::string& node_id, const PresenceDelta& delta) {
  auto it = nodes_.find(node_id);
  if (it == nodes_.end()) return;
  for (auto& [id, known_entry] : it->second.staff)
    for (int i = 0; i < known_entry.second.count; ++i) delta.staff_disconnected(known_entry.first);
  for (auto& [id, entry] : it->second.customers)
    for (int i = 0; i < entry.count; ++i) delta.customer_disconnected(id);
  nodes_.erase(it);
}

}  // namespace livedesk::service
