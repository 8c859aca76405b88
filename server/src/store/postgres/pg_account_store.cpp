#include "store/postgres/pg_account_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_USER                                                                                       \
  "SELECT id, username, name, role, password_hash, status, capacity, last_active_ms, created_ms, disabled_ms " \
  "FROM staff_users "

constexpr PgStatement kCreateUser{"create_user",
                                  "INSERT INTO staff_users(username, name, role, password_hash, created_ms) VALUES "
                                  "($1, $2, $3, $4, $5) RETURNING id"};
constexpr PgStatement kUserByName{"user_by_name", LIVEDESK_PG_USER "WHERE username = $1"};
constexpr PgStatement kUserById{"user_by_id", LIVEDESK_PG_USER "WHERE id = $1"};
constexpr PgStatement kListUsers{"list_users", LIVEDESK_PG_USER "ORDER BY id"};
constexpr PgStatement kUpdatePresence{"update_presence",
                                      "UPDATE staff_users SET status = $2, last_active_ms = $3 WHERE id = $1"};

#undef LIVEDESK_PG_USER

constexpr PgStatement kStatements[] = {kCreateUser, kUserByName, kUserById, kListUsers, kUpdatePresence};

}  // namespace

std::span<const PgStatement> PgAccountStore::statements() { return kStatements; }

std::int64_t PgAccountStore::create(const NewStaffUser& user) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kCreateUser, user.username, user.name, domain::to_string(user.role), user.password_hash,
                         user.created_ms)[0][0]);
  });
}

std::optional<StaffUser> PgAccountStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<StaffUser>(exec(tx, kUserById, id)); });
}

std::optional<StaffUser> PgAccountStore::find_by_username(std::string_view username) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<StaffUser>(exec(tx, kUserByName, username)); });
}

std::vector<StaffUser> PgAccountStore::list() {
  return db_.read([](pqxx::transaction_base& tx) { return read_all<StaffUser>(exec(tx, kListUsers)); });
}

void PgAccountStore::update_presence(std::int64_t user_id, std::string_view status, std::int64_t last_active_ms) {
  db_.write_unguarded([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdatePresence, user_id, status, last_active_ms).affected_rows() == 0) {
      throw StoreError("no staff user " + std::to_string(user_id) + " to update presence of");
    }
  });
}

}  // namespace livedesk::store::postgres
