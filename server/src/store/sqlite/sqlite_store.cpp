#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <limits>
#include <string>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_chat_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store {

namespace {

using sqlite::Statement;
using sqlite::StatementCache;

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, DatabaseCloser>;

DatabaseHandle open_database(const std::filesystem::path& file) {
  sqlite3* raw = nullptr;
  // NOMUTEX: the one-thread-at-a-time contract makes SQLite's own locking redundant.
  const int rc =
      sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DatabaseHandle db(raw);  // even a failed open allocates a handle that must be closed
  if (rc != SQLITE_OK) {
    const std::string reason = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw StoreError("cannot open database " + file.string() + ": " + reason);
  }
  // Lets errors say SQLITE_CONSTRAINT_UNIQUE rather than just SQLITE_CONSTRAINT.
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

void configure(sqlite3* db) {
  // busy_timeout first, so the pragmas below wait out another process's lock.
  Statement(db, "PRAGMA busy_timeout = 5000").run();
  Statement journal(db, "PRAGMA journal_mode = WAL");
  // The pragma answers with the mode in effect; a filesystem without shared
  // memory support silently keeps the rollback journal, which we refuse.
  const std::string mode = journal.step() ? journal.column_text(0) : std::string();
  if (mode != "wal") throw StoreError("cannot enable WAL journal mode (got \"" + mode + "\")");
  journal.run();
  // FULL: every commit reaches the disk before it is acknowledged, so an
  // acknowledged message survives a power cut, not only a crash. Group commit
  // makes that one fsync per batch (about 0.2 ms on this machine's disk).
  Statement(db, "PRAGMA synchronous = FULL").run();
  Statement(db, "PRAGMA foreign_keys = ON").run();
}

constexpr const char* kSelectUser =
    "SELECT id, username, name, role, password_hash, status, capacity, last_active_ms, created_ms, disabled_ms "
    "FROM staff_users ";

StaffUser read_user(const Statement& row) {
  StaffUser user;
  user.id = row.column_int64(0);
  user.username = row.column_text(1);
  user.name = row.column_text(2);
  const std::string role = row.column_text(3);
  const auto parsed = domain::parse_role(role);
  if (!parsed) throw StoreError("staff user " + std::to_string(user.id) + " has unknown role \"" + role + "\"");
  user.role = *parsed;
  user.password_hash = row.column_text(4);
  user.status = row.column_text(5);
  user.capacity = row.column_int(6);
  user.last_active_ms = row.column_int64(7);
  user.created_ms = row.column_int64(8);
  user.disabled_ms = row.column_optional_int64(9);
  return user;
}

// The Store over one SQLite connection; statements are compiled once and cached.
// The chat tables' methods come from SqliteChatStore.
class SqliteStore final : public sqlite::SqliteChatStore {
 public:
  explicit SqliteStore(DatabaseHandle db) : db_(std::move(db)), statements_(db_.get()) {}

  int schema_version() override {
    auto query = statements_.use("SELECT ifnull(max(version), 0) FROM schema_migrations");
    query->step();
    return query->column_int(0);
  }

  bool ping() override {
    try {
      auto query = statements_.use("SELECT 1");
      return query->step() && query->column_int(0) == 1;
    } catch (const StoreError&) {
      return false;
    }
  }

  std::int64_t create_user(const NewStaffUser& user) override {
    auto insert = statements_.use(
        "INSERT INTO staff_users(username, name, role, password_hash, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
    insert->bind(1, user.username);
    insert->bind(2, user.name);
    insert->bind(3, domain::to_string(user.role));
    insert->bind(4, user.password_hash);
    insert->bind(5, user.created_ms);
    insert->run();
    return sqlite3_last_insert_rowid(db_.get());
  }

  std::optional<StaffUser> find_user_by_username(std::string_view username) override {
    auto query = statements_.use(std::string(kSelectUser) + "WHERE username = ?1");
    query->bind(1, username);
    if (!query->step()) return std::nullopt;
    return read_user(*query);
  }

  std::optional<StaffUser> find_user(std::int64_t id) override {
    auto query = statements_.use(std::string(kSelectUser) + "WHERE id = ?1");
    query->bind(1, id);
    if (!query->step()) return std::nullopt;
    return read_user(*query);
  }

  std::vector<StaffUser> list_users() override {
    auto query = statements_.use(std::string(kSelectUser) + "ORDER BY id");
    std::vector<StaffUser> users;
    while (query->step()) users.push_back(read_user(*query));
    return users;
  }

  std::int64_t append_audit(const AuditEntry& entry) override {
    auto insert = statements_.use(
        "INSERT INTO audit_log(at_ms, actor_user_id, action, target_type, target_id, detail_json) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert->bind(1, entry.at_ms);
    insert->bind(2, entry.actor_user_id);
    insert->bind(3, entry.action);
    insert->bind(4, entry.target_type);
    insert->bind(5, entry.target_id);
    insert->bind(6, entry.detail_json.empty() ? std::string_view("{}") : std::string_view(entry.detail_json));
    insert->run();
    return sqlite3_last_insert_rowid(db_.get());
  }

  std::vector<AuditEntry> list_audit(std::int64_t before_id, int limit) override {
    AuditQuery query;  // the unfiltered page: one reader of audit rows, in query_audit
    query.before_id = before_id;
    query.limit = limit;
    return query_audit(query);
  }

  std::string shared_setting(std::string_view key, const std::string& value_if_absent) override {
    {
      // Takes the write lock, so a second process inserting the same key waits, then does nothing.
      auto insert = statements_.use("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING");
      insert->bind(1, key);
      insert->bind(2, value_if_absent);
      insert->run();
    }
    auto query = statements_.use("SELECT value FROM settings WHERE key = ?1");
    query->bind(1, key);
    if (!query->step()) throw StoreError("setting \"" + std::string(key) + "\" vanished right after it was stored");
    return query->column_text(0);
  }

  void run_in_transaction(const std::function<void(Store&)>& work) override {
    // Inside an open transaction the unit becomes a savepoint, so it can fail alone.
    const bool outermost = sqlite3_get_autocommit(db_.get()) != 0;
    statements_.use(outermost ? "BEGIN IMMEDIATE" : "SAVEPOINT nested_unit")->run();
    try {
      work(*this);
      statements_.use(outermost ? "COMMIT" : "RELEASE nested_unit")->run();
    } catch (...) {
      roll_back(outermost);
      throw;
    }
  }

 protected:
  sqlite3* connection() override { return db_.get(); }
  StatementCache& statements() override { return statements_; }

 private:
  void roll_back(bool outermost) noexcept {
    // SQLite itself ends the whole transaction after some errors (disk full, I/O).
    if (sqlite3_get_autocommit(db_.get()) != 0) return;
    try {
      if (outermost) {
        statements_.use("ROLLBACK")->run();
      } else {
        // ROLLBACK TO keeps the savepoint open; RELEASE then drops it.
        statements_.use("ROLLBACK TO nested_unit")->run();
        statements_.use("RELEASE nested_unit")->run();
      }
    } catch (const StoreError&) {
      // The error that started the rollback is the one the caller needs.
    }
  }

  DatabaseHandle db_;
  StatementCache statements_;  // declared after db_: finalized before the connection closes
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& database_file) {
  DatabaseHandle db = open_database(database_file);
  configure(db.get());
  sqlite::apply_migrations(db.get());
  return std::make_unique<SqliteStore>(std::move(db));
}

}  // namespace livedesk::store
