#pragma once
// Which node holds which staff and customer connections, as the cluster's
// leader sees it. Nodes report absolute counts with a per-node version, so
// reports that overtake each other on the way (several HTTP connections)
// cannot leave a count behind: an older version never replaces a newer one.
// Not thread-safe; the dispatcher guards it.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "service/chat_types.hpp"

namespace livedesk::service {

// What one node reports: its connections per staff user and per customer session.
struct PresenceReport {
  std::string node_id;
  std::int64_t version = 0;
  std::vector<std::pair<Actor, int>> staff;                 // staff actor -> open sockets
  std::vector<std::pair<std::int64_t, int>> customers;      // session id -> open sockets
  bool complete = false;  // true: everything the node holds (absent means 0)
};

// The changes a report makes, as connect / disconnect calls.
struct PresenceDelta {
  std::function<void(const Actor&)> staff_connected, staff_disconnected;
  std::function<void(std::int64_t)> customer_connected, customer_disconnected;
};

// The leader's record of every node's connections.
class NodePresence {
 public:
  // Applies `report`, calling `delta` once per socket opened or closed since the last one.
  void apply(const PresenceReport& report, const PresenceDelta& delta);
  // Drops every connection of a node that is gone.
  void forget(const std::string& node_id, const PresenceDelta& delta);
  // Forgets every node without calls: the engine they fed is gone.
  void clear() { nodes_.clear(); }

 private:
  struct Entry {
    int count = 0;
    std::int64_t version = 0;
  };
  struct Node {
    std::map<std::int64_t, std::pair<Actor, Entry>> staff;
    std::map<std::int64_t, Entry> customers;
  };
  std::map<std::string, Node> nodes_;
};

}  // namespace livedesk::service
