#pragma once
// Elects the cluster's leader among the nodes sharing one PostgreSQL database
// and keeps every decision fenced across hand-overs (docs/architecture.md,
// "Leadership").
//
// The lead is an advisory lock plus the cluster_leader row. The lock makes
// claims exclusive: only its holder may claim, and PostgreSQL frees it the
// moment the holder's connection ends (a killed node's socket closes at once).
// The row names the leader, its `epoch` (the fencing token: each claim adds
// one) and when it last renewed. A holder that stops renewing for `lease` -
// paused, stalled, cut off - is ended by a follower with pg_terminate_backend
// on every connection it has open (they all carry its `backend_name` as
// application_name), which frees the lock and rolls back whatever it had in
// flight. Expiry is judged on the follower's own clock: the row must stay
// unchanged for `lease`; when the database stalls (the follower's own poll
// takes half a lease) it watches afresh, since nobody could renew meanwhile.
//
// On its own thread and connection, every `poll`:
//  - records this node's heartbeat (cluster_nodes);
//  - leading: renews the row for its epoch; finding it claimed by another, or
//    losing its connection, it steps down (`on_stepped_down`) at once;
//  - following: takes the lock when free, or ends an expired holder; having
//    the lock it claims a new epoch (ending the previous holder's connections
//    first), runs `on_elected(token)` to load the engine while it keeps
//    renewing, and only then marks the row ready. A load that fails abandons
//    the claim: the row is cleared, the lock released, the connection closed,
//    and the next try waits a backoff;
//  - reads the row and runs `on_leader_changed` when a new epoch is ready;
//  - leading, reports nodes whose heartbeat is older than `node_timeout`
//    (`on_nodes_gone`) and deletes their rows.
// A lost connection is reopened with backoff (poll, doubling, up to retry_max).
//
// Thread-safety: leading(), leader_url(), leader_node() and epoch() from any
// thread; callbacks run on the lease thread and are set before start().
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <pqxx/connection>
#include <string>
#include <thread>
#include <vector>

#include "store/fencing_token.hpp"

namespace livedesk::store {

// Creates (or upgrades) cluster_nodes and cluster_leader; idempotent, safe
// for nodes starting together. The lease calls it on every connect.
void create_leader_tables(pqxx::connection& connection);

struct LeaderLeaseOptions {
  std::string database_url;
  std::string node_id;
  std::string node_url;      // where the other nodes reach this one: http://host:port
  std::string backend_name;  // application_name of every connection this node opens
  std::chrono::milliseconds poll{500};
  std::chrono::milliseconds lease{5'000};
  std::chrono::milliseconds node_timeout{5'000};
  std::chrono::milliseconds retry_max{2'000};
};

// The election, the lease and the node registry; see the file comment.
class LeaderLease {
 public:
  explicit LeaderLease(LeaderLeaseOptions options);
  ~LeaderLease();
  LeaderLease(const LeaderLease&) = delete;
  LeaderLease& operator=(const LeaderLease&) = delete;

  // Loads the engine under `token`; the lease waits for the future (renewing
  // meanwhile) and abandons the claim if it holds an exception.
  std::function<std::future<void>(const FencingToken& token)> on_elected;
  // The engine must go: this node lost the lead (`was_leading`) or abandoned a
  // claim after on_elected had begun loading.
  std::function<void(const std::string& why, bool was_leading)> on_stepped_down;
  std::function<void(const std::string& leader_node, std::int64_t epoch)> on_leader_changed;
  std::function<void(const std::vector<std::string>& nodes)> on_nodes_gone;

  void start();
  // Stops polling; a leader clears the row and releases the lock, so a
  // follower claims at its next poll. Idempotent.
  void stop();

  // Gives the lead up at the next poll (at once if the lease thread waits):
  // the row is cleared and the lock released, then on_stepped_down runs.
  // Any thread; ignored when this node does not lead by then.
  void resign(std::string why);

  bool leading() const { return leading_.load(); }
  std::optional<std::string> leader_url() const;
  std::optional<std::string> leader_node() const;
  std::int64_t epoch() const;

 private:
  // The cluster_leader row as last read.
  struct LeaderRow {
    std::string node_id, url, backend;
    std::int64_t epoch = 0, renewed_ms = 0;
    bool ready = false;
    bool operator==(const LeaderRow&) const = default;
  };

  void run();
  void poll_once(pqxx::connection& connection);
  void follow(pqxx::connection& connection, const std::optional<LeaderRow>& row);
  // Claims a new epoch and loads; false when the election was abandoned.
  bool claim(pqxx::connection& connection, const std::optional<LeaderRow>& row);
  bool renew(pqxx::connection& connection);
  void release(pqxx::connection& connection);
  void publish(const std::optional<LeaderRow>& row);
  void prune_nodes(pqxx::connection& connection);
  void step_down(const std::string& why);
  std::string resign_why() const;
  // Waits `delay` or until stop(); true when stopping.
  bool pause(std::chrono::milliseconds delay);

  const LeaderLeaseOptions options_;
  std::atomic<bool> leading_{false};
  std::int64_t my_epoch_ = 0;  // lease thread only: the epoch this node claimed
  std::int64_t lock_key_ = 0;  // lease thread only
  std::int64_t announced_epoch_ = 0;  // lease thread only: the last epoch on_leader_changed ran for
  // Expiry as this follower saw it (lease thread only).
  std::optional<LeaderRow> watched_;
  std::chrono::steady_clock::time_point watched_since_{};
  bool abandoned_ = false;  // the last claim failed: back off before the next
  bool resigned_ = false;   // this node resigned: wait a lease before trying again
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> resign_requested_{false};
  std::string resign_why_;  // guarded by mutex_
  std::optional<std::string> leader_url_, leader_node_;
  std::int64_t epoch_ = 0;
  std::thread thread_;
};

}  // namespace livedesk::store
