#include "store/postgres/pg_store.hpp"

#include <limits>
#include <vector>

#include "store/postgres/pg_chat_store.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_rows.hpp"

namespace livedesk::store {

namespace {

using postgres::as_int;
using postgres::as_int64;
using postgres::as_optional_int64;
using postgres::as_text;
using postgres::exec;
using postgres::PgConnection;
using postgres::PgStatement;

#define LIVEDESK_PG_USER                                                                                       \
  "SELECT id, username, name, role, password_hash, status, capacity, last_active_ms, created_ms, disabled_ms " \
  "FROM staff_users "

constexpr PgStatement kSchemaVersion{"schema_version", "SELECT coalesce(max(version), 0) FROM schema_migrations"};
constexpr PgStatement kPing{"ping", "SELECT 1"};
constexpr PgStatement kCreateUser{"create_user",
                                  "INSERT INTO staff_users(username, name, role, password_hash, created_ms) VALUES "
                                  "($1, $2, $3, $4, $5) RETURNING id"};
constexpr PgStatement kUserByName{"user_by_name", LIVEDESK_PG_USER "WHERE username = $1"};
constexpr PgStatement kUserById{"user_by_id", LIVEDESK_PG_USER "WHERE id = $1"};
constexpr PgStatement kListUsers{"list_users", LIVEDESK_PG_USER "ORDER BY id"};
constexpr PgStatement kAppendAudit{
    "append_audit",
    "INSERT INTO audit_log(at_ms, actor_user_id, action, target_type, target_id, detail_json) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
// Two statements, not one with a CTE: under READ COMMITTED the SELECT takes a
// fresh snapshot, so it sees the row of a node whose concurrent INSERT won
// (ON CONFLICT waited for it to commit), which a CTE's snapshot would not.
constexpr PgStatement kInsertSetting{"insert_setting",
                                     "INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING"};
constexpr PgStatement kSelectSetting{"select_setting", "SELECT value FROM settings WHERE key = $1"};

#undef LIVEDESK_PG_USER

constexpr PgStatement kStatements[] = {kSchemaVersion, kPing,        kCreateUser,    kUserByName,   kUserById,
                                       kListUsers,     kAppendAudit, kInsertSetting, kSelectSetting};

StaffUser read_user(const pqxx::row& row) {
  StaffUser user;
  user.id = as_int64(row[0]);
  user.username = as_text(row[1]);
  user.name = as_text(row[2]);
  const std::string role = as_text(row[3]);
  const auto parsed = domain::parse_role(role);
  if (!parsed) throw StoreError("staff user " + std::to_string(user.id) + " has unknown role \"" + role + "\"");
  user.role = *parsed;
  user.password_hash = as_text(row[4]);
  user.status = as_text(row[5]);
  user.capacity = as_int(row[6]);
  user.last_active_ms = as_int64(row[7]);
  user.created_ms = as_int64(row[8]);
  user.disabled_ms = as_optional_int64(row[9]);
  return user;
}

// The Store over one PostgreSQL connection; the chat tables' methods come from PgChatStore.
class PgStore final : public postgres::PgChatStore {
 public:
  explicit PgStore(std::unique_ptr<PgConnection> connection) : connection_(std::move(connection)) {}

  int schema_version() override {
    return connection_->read([](pqxx::transaction_base& tx) { return as_int(exec(tx, kSchemaVersion)[0][0]); });
  }

  bool ping() override {
    try {
      return connection_->read([](pqxx::transaction_base& tx) { return as_int(exec(tx, kPing)[0][0]) == 1; });
    } catch (const StoreError&) {
      return false;
    }
  }

  std::int64_t create_user(const NewStaffUser& user) override {
    return connection_->write([&](pqxx::transaction_base& tx) {
      return as_int64(exec(tx, kCreateUser, user.username, user.name, domain::to_string(user.role), user.password_hash,
                           user.created_ms)[0][0]);
    });
  }

  std::optional<StaffUser> find_user_by_username(std::string_view username) override {
    return connection_->read([&](pqxx::transaction_base& tx) {
      return postgres::read_first<StaffUser>(exec(tx, kUserByName, username), read_user);
    });
  }

  std::optional<StaffUser> find_user(std::int64_t id) override {
    return connection_->read([&](pqxx::transaction_base& tx) {
      return postgres::read_first<StaffUser>(exec(tx, kUserById, id), read_user);
    });
  }

  std::vector<StaffUser> list_users() override {
    return connection_->read(
        [](pqxx::transaction_base& tx) { return postgres::read_all<StaffUser>(exec(tx, kListUsers), read_user); });
  }

  std::int64_t append_audit(const AuditEntry& e) override {
    const std::string_view detail = e.detail_json.empty() ? std::string_view("{}") : std::string_view(e.detail_json);
    return connection_->write([&](pqxx::transaction_base& tx) {
      return as_int64(
          exec(tx, kAppendAudit, e.at_ms, e.actor_user_id, e.action, e.target_type, e.target_id, detail)[0][0]);
    });
  }

  std::vector<AuditEntry> list_audit(std::int64_t before_id, int limit) override {
    AuditQuery query;  // the unfiltered page: one reader of audit rows, in query_audit
    query.before_id = before_id;
    query.limit = limit;
    return query_audit(query);
  }

  std::string shared_setting(std::string_view key, const std::string& value_if_absent) override {
    return connection_->write([&](pqxx::transaction_base& tx) {
      exec(tx, kInsertSetting, key, value_if_absent);
      const auto rows = exec(tx, kSelectSetting, key);
      if (rows.empty()) throw StoreError("setting \"" + std::string(key) + "\" vanished right after it was stored");
      return as_text(rows[0][0]);
    });
  }

  void run_in_transaction(const std::function<void(Store&)>& work) override {
    connection_->transaction([&] { work(*this); });
  }

 protected:
  PgConnection& db() override { return *connection_; }

 private:
  std::unique_ptr<PgConnection> connection_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url) {
  auto connection = std::make_unique<PgConnection>(url);
  postgres::apply_migrations(connection->raw());
  for (const auto statements :
       {std::span<const PgStatement>(kStatements), postgres::chat_statements(), postgres::message_statements(),
        postgres::tools_statements(), postgres::admin_statements(), postgres::metrics_statements(),
        postgres::upload_statements()}) {
    connection->prepare(statements);
  }
  return std::make_unique<PgStore>(std::move(connection));
}

}  // namespace livedesk::store
