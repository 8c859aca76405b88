#include "store/postgres/leader_lease.hpp"

#include <algorithm>
#include <pqxx/pqxx>

#include "support/json_log.hpp"

namespace livedesk::store {
namespace {
// Serializes the creation of the cluster tables by nodes starting together.
constexpr std::int64_t kSchemaLock = 0x6c69766564657369;
// The database's clock: every node's renewals are stamped by one clock.
#define LIVEDESK_DB_NOW_MS "(extract(epoch from clock_timestamp()) * 1000)::bigint"

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void create_leader_tables(pqxx::connection& connection) {
  pqxx::work txn(connection);
  txn.exec_params("SELECT pg_advisory_xact_lock($1)", kSchemaLock);
  txn.exec("CREATE TABLE IF NOT EXISTS cluster_nodes (node_id TEXT PRIMARY KEY, url TEXT NOT NULL, "
           "heartbeat_ms BIGINT NOT NULL)");
  txn.exec("CREATE TABLE IF NOT EXISTS cluster_leader (id INTEGER PRIMARY KEY CHECK (id = 1), node_id TEXT NOT NULL, "
           "url TEXT NOT NULL, epoch BIGINT NOT NULL, since_ms BIGINT NOT NULL)");
  // backend: the leader's application_name ('' when nobody leads); ready: its engine is loaded.
  txn.exec("ALTER TABLE cluster_leader ADD COLUMN IF NOT EXISTS backend TEXT NOT NULL DEFAULT '', "
           "ADD COLUMN IF NOT EXISTS renewed_ms BIGINT NOT NULL DEFAULT 0, "
           "ADD COLUMN IF NOT EXISTS ready BOOLEAN NOT NULL DEFAULT false");
  txn.commit();
}

namespace {
// The advisory lock whose holder may claim the lead: one per schema, as the
// cluster tables are (advisory locks are per database).
std::int64_t leader_lock_key(pqxx::connection& connection) {
  pqxx::nontransaction txn(connection);
  return txn.exec("SELECT ('x' || substr(md5('livedesk leader ' || current_schema()), 1, 16))::bit(64)::bigint")[0][0]
      .as<std::int64_t>();
}

// Ends every connection named `backend` but the caller's: whatever they had
// in flight rolls back, and a lock they held is free.
int terminate_backends(pqxx::transaction_base& tx, const std::string& backend) {
  const auto rows = tx.exec_params(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
      backend);
  return int(rows.size());
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

void LeaderLease::resign(std::string why) {
  {
    std::lock_guard lock(mutex_);
    resign_why_ = std::move(why);
  }
  resign_requested_ = true;
  wake_.notify_all();
}

std::string LeaderLease::resign_why() const {
  std::lock_guard lock(mutex_);
  return resign_why_;
}

bool LeaderLease::pause(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, delay, [this] { return stopping_ || resign_requested_.load(); }) && stopping_;
}

void LeaderLease::run() {
  std::unique_ptr<pqxx::connection> connection;
  int failures = 0;
  const auto backoff = [this](int attempt) {
    return std::min(options_.retry_max, options_.poll * (1 << std::min(attempt - 1, 10)));
  };
  for (;;) {
    auto delay = options_.poll;
    try {
      if (!connection) {
        connection = std::make_unique<pqxx::connection>(options_.database_url);
        create_leader_tables(*connection);
        lock_key_ = leader_lock_key(*connection);
      }
      poll_once(*connection);
      if (abandoned_) {
        // Closing the connection frees the lock for the other nodes.
        abandoned_ = false;
        connection.reset();
        delay = resigned_ ? options_.lease : backoff(++failures);
        resigned_ = false;
      } else {
        failures = 0;
      }
    } catch (const std::exception& error) {
      connection.reset();  // ends the session: a lock it held is free
      support::log_event(spdlog::level::warn, "lease_poll_failed", {{"error", error.what()}});
      if (leading_) step_down(std::string("lease connection failed: ") + error.what());
      delay = backoff(++failures);
    }
    if (pause(delay)) break;
  }
  if (connection && leading_) {
    try {
      release(*connection);
    } catch (const std::exception& error) {
      support::log_event(spdlog::level::warn, "lease_release_failed", {{"error", error.what()}});
    }
  }
  connection.reset();
  leading_ = false;
}

void LeaderLease::poll_once(pqxx::connection& connection) {
  const auto started = std::chrono::steady_clock::now();
  std::optional<LeaderRow> row;
  {
    pqxx::nontransaction txn(connection);
    txn.exec_params("INSERT INTO cluster_nodes (node_id, url, heartbeat_ms) VALUES ($1, $2, $3) "
                    "ON CONFLICT (node_id) DO UPDATE SET url = EXCLUDED.url, heartbeat_ms = EXCLUDED.heartbeat_ms",
                    options_.node_id, options_.node_url, now_ms());
  }
  const auto read_row = [&connection]() -> std::optional<LeaderRow> {
    pqxx::nontransaction txn(connection);
    auto rows = txn.exec("SELECT node_id, url, backend, epoch, renewed_ms, ready FROM cluster_leader WHERE id = 1");
    if (rows.empty()) return std::nullopt;
    return LeaderRow{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>(),
                     rows[0][3].as<std::int64_t>(), rows[0][4].as<std::int64_t>(), rows[0][5].as<bool>()};
  };
  row = read_row();
  // Statements this slow mean the database stalled: the leader could not
  // renew meanwhile either, so the follower watches afresh. (A follower that
  // merely polled late still sees any renewal: each one changes the row.)
  if (std::chrono::steady_clock::now() - started > options_.lease / 2) watched_.reset();
  if (leading_ && resign_requested_.exchange(false)) {
    release(connection);
    step_down(resign_why());
    abandoned_ = true;
    resigned_ = true;  // sit out a lease: another node should lead next
  } else if (leading_) {
    if (!renew(connection)) {
      step_down("another node claimed the lead");
      abandoned_ = true;  // reconnect: the lock, if this session still held it, goes
    }
  } else {
    resign_requested_ = false;  // meant for a lead this node no longer holds
    follow(connection, row);
    row = read_row();
  }
  publish(row);
  if (leading_) prune_nodes(connection);
}

void LeaderLease::follow(pqxx::connection& connection, const std::optional<LeaderRow>& row) {
  if (row && row->backend == options_.backend_name) {
    // This node stepped down but could not say so then: the row must not name it.
    pqxx::nontransaction txn(connection);
    txn.exec_params("UPDATE cluster_leader SET backend = '', ready = false WHERE id = 1 AND epoch = $1 AND backend = $2",
                    row->epoch, options_.backend_name);
  }
  bool locked = false;
  {
    pqxx::nontransaction txn(connection);
    locked = txn.exec_params1("SELECT pg_try_advisory_lock($1)", lock_key_)[0].as<bool>();
  }
  if (locked) {
    watched_.reset();
    claim(connection, row);
    return;
  }
  // Someone holds the lock. It must keep the row changing; watch it.
  const auto now = std::chrono::steady_clock::now();
  const LeaderRow seen = row.value_or(LeaderRow{});
  if (!watched_ || *watched_ != seen) {
    watched_ = seen;
    watched_since_ = now;
    return;
  }
  if (now - watched_since_ < options_.lease) return;
  // Expired: end the lock holder (found by its lock, so also one that stalled before claiming).
  pqxx::nontransaction txn(connection);
  auto holder = txn.exec_params(
      "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
      "AND l.classid = (($1::bigint >> 32) & 4294967295)::oid AND l.objid = ($1::bigint & 4294967295)::oid",
      lock_key_);
  const std::string name = holder.empty() ? std::string() : holder[0][0].as<std::string>();
  const int ended = name.empty() || name == options_.backend_name ? 0 : terminate_backends(txn, name);
  support::log_event(spdlog::level::warn, "lease_expired",
                     {{"holder", name}, {"epoch", seen.epoch}, {"connections_ended", ended}});
  watched_.reset();
}

bool LeaderLease::claim(pqxx::connection& connection, const std::optional<LeaderRow>& row) {
  if (row && !row->backend.empty() && row->backend != options_.backend_name) {
    // None of the previous leader's transactions may commit after the claim.
    pqxx::nontransaction txn(connection);
    terminate_backends(txn, row->backend);
  }
  {
    pqxx::work txn(connection);
    txn.exec("SET LOCAL lock_timeout = '" + std::to_string(options_.lease.count()) + "ms'");
    // Waits for every transaction that proved the old epoch (store.hpp, fence_writes).
    txn.exec("SELECT 1 FROM cluster_leader WHERE id = 1 FOR UPDATE");
    my_epoch_ = txn.exec_params1(
                       "INSERT INTO cluster_leader (id, node_id, url, epoch, since_ms, backend, renewed_ms, ready) "
                       "VALUES (1, $1, $2, 1, " LIVEDESK_DB_NOW_MS ", $3, " LIVEDESK_DB_NOW_MS ", false) "
                       "ON CONFLICT (id) DO UPDATE SET node_id = EXCLUDED.node_id, url = EXCLUDED.url, "
                       "epoch = cluster_leader.epoch + 1, since_ms = EXCLUDED.since_ms, backend = EXCLUDED.backend, "
                       "renewed_ms = EXCLUDED.renewed_ms, ready = false RETURNING epoch",
                       options_.node_id, options_.node_url, options_.backend_name)[0]
                    .as<std::int64_t>();
    txn.commit();
  }
  support::log_event(spdlog::level::info, "elected", {{"epoch", my_epoch_}});
  std::string failure;
  if (on_elected) {
    auto loaded = on_elected(FencingToken{options_.node_id, my_epoch_});
    // The engine loads on the store thread; the lease stays fresh meanwhile.
    while (loaded.wait_for(options_.poll) != std::future_status::ready) {
      if (!renew(connection)) {
        loaded.wait();
        if (on_stepped_down) on_stepped_down("another node claimed the lead while this one loaded", false);
        abandoned_ = true;
        return false;
      }
    }
    try {
      loaded.get();
    } catch (const std::exception& error) {
      failure = error.what();
    }
  }
  if (failure.empty()) {
    pqxx::nontransaction txn(connection);
    const auto marked = txn.exec_params(
        "UPDATE cluster_leader SET ready = true, renewed_ms = " LIVEDESK_DB_NOW_MS
        " WHERE id = 1 AND epoch = $1 AND backend = $2 RETURNING 1",
        my_epoch_, options_.backend_name);
    if (marked.empty()) failure = "another node claimed the lead while this one loaded";
  }
  if (!failure.empty()) {
    support::log_event(spdlog::level::err, "election_abandoned", {{"epoch", my_epoch_}, {"error", failure}});
    if (on_stepped_down) on_stepped_down(failure, false);
    release(connection);
    abandoned_ = true;
    return false;
  }
  {
    // Whoever sees leading() sees this node's epoch with it.
    std::lock_guard lock(mutex_);
    epoch_ = my_epoch_;
    leader_node_ = options_.node_id;
    leader_url_ = options_.node_url;
  }
  leading_ = true;
  support::log_event(spdlog::level::info, "leading", {{"epoch", my_epoch_}});
  return true;
}

bool LeaderLease::renew(pqxx::connection& connection) {
  pqxx::nontransaction txn(connection);
  return !txn.exec_params("UPDATE cluster_leader SET renewed_ms = " LIVEDESK_DB_NOW_MS
                          " WHERE id = 1 AND epoch = $1 AND backend = $2 RETURNING 1",
                          my_epoch_, options_.backend_name)
              .empty();
}

void LeaderLease::release(pqxx::connection& connection) {
  pqxx::nontransaction txn(connection);
  txn.exec_params("UPDATE cluster_leader SET backend = '', ready = false WHERE id = 1 AND epoch = $1 AND backend = $2",
                  my_epoch_, options_.backend_name);
  txn.exec_params("SELECT pg_advisory_unlock($1)", lock_key_);
}

void LeaderLease::publish(const std::optional<LeaderRow>& row) {
  const bool known = row && row->ready && !row->backend.empty();
  bool changed = false;
  {
    std::lock_guard lock(mutex_);
    if (known) {
      changed = row->epoch != announced_epoch_;
      announced_epoch_ = row->epoch;
      leader_node_ = row->node_id;
      leader_url_ = row->url;
      epoch_ = row->epoch;
    } else {
      leader_node_.reset();
      leader_url_.reset();
    }
  }
  if (changed) {
    support::log_event(spdlog::level::info, "leader_changed", {{"leader", row->node_id}, {"epoch", row->epoch}});
    if (on_leader_changed) on_leader_changed(row->node_id, row->epoch);
  }
}

void LeaderLease::prune_nodes(pqxx::connection& connection) {
  std::vector<std::string> gone;
  {
    pqxx::nontransaction txn(connection);
    auto rows = txn.exec_params("DELETE FROM cluster_nodes WHERE heartbeat_ms < $1 AND node_id <> $2 RETURNING node_id",
                                now_ms() - options_.node_timeout.count(), options_.node_id);
    for (const auto& r : rows) gone.push_back(r[0].as<std::string>());
  }
  if (!gone.empty()) {
    support::log_event(spdlog::level::info, "nodes_gone", {{"count", gone.size()}});
    if (on_nodes_gone) on_nodes_gone(gone);
  }
}

void LeaderLease::step_down(const std::string& why) {
  leading_ = false;
  support::log_event(spdlog::level::err, "stepped_down", {{"epoch", my_epoch_}, {"why", why}});
  if (on_stepped_down) on_stepped_down(why, true);
}

}  // namespace livedesk::store

#undef LIVEDESK_DB_NOW_MS
