#pragma once
// Elects the cluster's leader among the nodes sharing one PostgreSQL database,
// with a session-level advisory lock: whoever holds it leads, and PostgreSQL
// releases it the moment that node's connection ends (a killed node's socket
// closes at once), so a follower takes over within one poll interval.
//
// On its own thread and connection the lease, every `poll`:
//  - records this node's heartbeat (cluster_nodes: id, url, heartbeat_ms);
//  - tries for the lock when not leading; on winning it runs `on_elected`
//    (the app loads the chat engine) BEFORE publishing itself as leader in
//    cluster_leader with a new epoch, so no call reaches an unloaded engine;
//  - reads cluster_leader, and runs `on_leader_changed` when the epoch moved;
//  - when leading, reports nodes whose heartbeat is older than `node_timeout`
//    (`on_nodes_gone`) and deletes their rows.
// A leader whose lease connection fails can no longer prove it holds the
// lock, so it runs `on_lease_lost` (the app exits: fencing by process end).
//
// Thread-safety: leading(), leader_url() and epoch() from any thread; the
// callbacks run on the lease thread and are set before start().
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <pqxx/connection>
#include <string>
#include <thread>
#include <vector>

namespace livedesk::store {

struct LeaderLeaseOptions {
  std::string database_url;
  std::string node_id;
  std::string node_url;  // where the other nodes reach this one: http://host:port
  std::chrono::milliseconds poll{500};
  std::chrono::milliseconds node_timeout{5'000};
};

// The election and the node registry; see the file comment.
class LeaderLease {
 public:
  explicit LeaderLease(LeaderLeaseOptions options);
  ~LeaderLease();
  LeaderLease(const LeaderLease&) = delete;
  LeaderLease& operator=(const LeaderLease&) = delete;

  std::function<void()> on_elected;
  std::function<void(const std::string& leader_node, std::int64_t epoch)> on_leader_changed;
  std::function<void(const std::vector<std::string>& nodes)> on_nodes_gone;
  std::function<void()> on_lease_lost;

  void start();
  // Stops polling and closes the connection (releasing the lock). Idempotent.
  void stop();

  bool leading() const { return leading_.load(); }
  std::optional<std::string> leader_url() const;
  std::optional<std::string> leader_node() const;
  std::int64_t epoch() const;

 private:
  void run();
  void poll_once(pqxx::connection& connection);

  const LeaderLeaseOptions options_;
  std::atomic<bool> leading_{false};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::optional<std::string> leader_url_, leader_node_;
  std::int64_t epoch_ = 0;
  std::thread thread_;
};

}  // namespace livedesk::store
