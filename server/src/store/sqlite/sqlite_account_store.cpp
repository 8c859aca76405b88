#include "store/sqlite/sqlite_account_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectUser =
    "SELECT id, username, name, role, password_hash, status, capacity, last_active_ms, created_ms, disabled_ms "
    "FROM staff_users ";

}  // namespace

std::int64_t SqliteAccountStore::create(const NewStaffUser& user) {
  auto insert = statements_.use(
      "INSERT INTO staff_users(username, name, role, password_hash, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert->bind(1, user.username);
  insert->bind(2, user.name);
  insert->bind(3, domain::to_string(user.role));
  insert->bind(4, user.password_hash);
  insert->bind(5, user.created_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<StaffUser> SqliteAccountStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectUser) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<StaffUser>(*query);
}

std::optional<StaffUser> SqliteAccountStore::find_by_username(std::string_view username) {
  auto query = statements_.use(std::string(kSelectUser) + "WHERE username = ?1");
  query->bind(1, username);
  return read_first<StaffUser>(*query);
}

std::vector<StaffUser> SqliteAccountStore::list() {
  auto query = statements_.use(std::string(kSelectUser) + "ORDER BY id");
  return read_all<StaffUser>(*query);
}

void SqliteAccountStore::update_presence(std::int64_t user_id, std::string_view status, std::int64_t last_active_ms) {
  auto update = statements_.use("UPDATE staff_users SET status = ?2, last_active_ms = ?3 WHERE id = ?1");
  update->bind(1, user_id);
  update->bind(2, status);
  update->bind(3, last_active_ms);
  update->run();
  if (sqlite3_changes(db_) == 0) {
    throw StoreError("no staff user " + std::to_string(user_id) + " to update presence of");
  }
}

}  // namespace livedesk::store::sqlite
