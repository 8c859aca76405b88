#include "store/postgres/leader_lease.hpp"

#include <pqxx/pqxx>

#include "support/json_log.hpp"

namespace livedesk::store {
namespace {
// The advisory lock whose holder leads ("livedesk" as a number).
constexpr std::int64_t kLeaderLock = 0x6c69766564657368;
// Serializes the creation of the cluster tables by nodes starting together.
constexpr std::int64_t kSchemaLock = 0x6c69766564657369;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void create_tables(pqxx::connection& connection) {
  pqxx::work txn(connection);
  txn.exec_params("SELECT pg_advisory_xact_lock($1)", kSchemaLock);
  txn.exec("CREATE TABLE IF NOT EXISTS cluster_nodes (node_id TEXT PRIMARY KEY, url TEXT NOT NULL, "
           "heartbeat_ms BIGINT NOT NULL)");
  txn.exec("CREATE TABLE IF NOT EXISTS cluster_leader (id INTEGER PRIMARY KEY CHECK (id = 1), node_id TEXT NOT NULL, "
           "url TEXT NOT NULL, epoch BIGINT NOT NULL, since_ms BIGINT NOT NULL)");
  txn.commit();
}
}  // namespace

LeaderLease::LeaderLease(LeaderLeaseOptions options) : options_(std::move(options)) {}

LeaderLease::~LeaderLease() { stop(); }

void LeaderLease::start() { thread_ = std::thread([this] { run(); }); }

void LeaderLease::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<std::string> LeaderLease::leader_url() const {
  std::lock_guard lock(mutex_);
  return leader_url_;
}

std::optional<std::string> LeaderLease::leader_node() const {
  std::lock_guard lock(mutex_);
  return leader_node_;
}

std::int64_t LeaderLease::epoch() const {
  std::lock_guard lock(mutex_);
  return epoch_;
}

void LeaderLease::run() {
  std::unique_ptr<pqxx::connection> connection;
  for (;;) {
    try {
      if (!connection) {
        connection = std::make_unique<pqxx::connection>(options_.database_url);
        create_tables(*connection);
      }
      poll_once(*connection);
    } catch (const std::exception& error) {
      connection.reset();
      support::log_event(spdlog::level::warn, "lease_poll_failed", {{"error", error.what()}});
      if (leading_.exchange(false)) {
        support::log_event(spdlog::level::err, "leadership_lost", {{"node", options_.node_id}});
        if (on_lease_lost) on_lease_lost();
      }
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, options_.poll, [this] { return stopping_; })) break;
  }
  // Closing the connection releases the advisory lock: a follower leads next.
  leading_ = false;
}

void LeaderLease::poll_once(pqxx::connection& connection) {
  const auto now = now_ms();
  {
    pqxx::nontransaction txn(connection);
    txn.exec_params("INSERT INTO cluster_nodes (node_id, url, heartbeat_ms) VALUES ($1, $2, $3) "
                    "ON CONFLICT (node_id) DO UPDATE SET url = EXCLUDED.url, heartbeat_ms = EXCLUDED.heartbeat_ms",
                    options_.node_id, options_.node_url, now);
    if (!leading_ && txn.exec_params1("SELECT pg_try_advisory_lock($1)", kLeaderLock)[0].as<bool>()) {
      support::log_event(spdlog::level::info, "elected", {{"node", options_.node_id}});
      if (on_elected) on_elected();
      leading_ = true;
      txn.exec_params("INSERT INTO cluster_leader (id, node_id, url, epoch, since_ms) VALUES (1, $1, $2, 1, $3) "
                      "ON CONFLICT (id) DO UPDATE SET node_id = EXCLUDED.node_id, url = EXCLUDED.url, "
                      "epoch = cluster_leader.epoch + 1, since_ms = EXCLUDED.since_ms",
                      options_.node_id, options_.node_url, now);
    }
  }
  std::vector<std::string> gone;
  {
    pqxx::nontransaction txn(connection);
    auto row = txn.exec("SELECT node_id, url, epoch FROM cluster_leader WHERE id = 1");
    if (!row.empty()) {
      const auto node = row[0][0].as<std::string>();
      const auto epoch = row[0][2].as<std::int64_t>();
      bool changed = false;
      {
        std::lock_guard lock(mutex_);
        changed = epoch != epoch_;
        leader_node_ = node;
        leader_url_ = row[0][1].as<std::string>();
        epoch_ = epoch;
      }
      if (changed) {
        support::log_event(spdlog::level::info, "leader_changed", {{"leader", node}, {"epoch", epoch}});
        if (on_leader_changed) on_leader_changed(node, epoch);
      }
    }
    if (leading_) {
      auto rows = txn.exec_params("DELETE FROM cluster_nodes WHERE heartbeat_ms < $1 AND node_id <> $2 RETURNING node_id",
                                  now - options_.node_timeout.count(), options_.node_id);
      for (const auto& r : rows) gone.push_back(r[0].as<std::string>());
    }
  }
  if (!gone.empty()) {
    support::log_event(spdlog::level::info, "nodes_gone", {{"count", gone.size()}});
    if (on_nodes_gone) on_nodes_gone(gone);
  }
}

}  // namespace livedesk::store
