#include "store/sqlite/sqlite_canned_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectCanned =
    "SELECT id, owner_user_id, shortcut, title, body, created_ms, updated_ms FROM canned_responses ";

}  // namespace

std::int64_t SqliteCannedStore::insert(const CannedResponse& canned) {
  // canned_responses_by_owner_shortcut (ifnull(owner, 0), shortcut) gives DuplicateError.
  auto insert = statements_.use(
      "INSERT INTO canned_responses(owner_user_id, shortcut, title, body, created_ms, updated_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert->bind(1, canned.owner_user_id);
  insert->bind(2, canned.shortcut);
  insert->bind(3, canned.title);
  insert->bind(4, canned.body);
  insert->bind(5, canned.created_ms);
  insert->bind(6, canned.updated_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteCannedStore::update(const CannedResponse& canned) {
  auto update = statements_.use(
      "UPDATE canned_responses SET shortcut = ?2, title = ?3, body = ?4, updated_ms = ?5 WHERE id = ?1");
  update->bind(1, canned.id);
  update->bind(2, canned.shortcut);
  update->bind(3, canned.title);
  update->bind(4, canned.body);
  update->bind(5, canned.updated_ms);
  update->run();
  if (sqlite3_changes(db_) == 0) {
    throw StoreError("no canned response " + std::to_string(canned.id) + " to update");
  }
}

bool SqliteCannedStore::remove(std::int64_t id) {
  auto remove = statements_.use("DELETE FROM canned_responses WHERE id = ?1");
  remove->bind(1, id);
  remove->run();
  return sqlite3_changes(db_) > 0;
}

std::optional<CannedResponse> SqliteCannedStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectCanned) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<CannedResponse>(*query);
}

std::vector<CannedResponse> SqliteCannedStore::search(std::int64_t user_id, std::string_view prefix, int limit) {
  if (limit <= 0) return {};  // SQLite reads a negative LIMIT as "no limit"
  // A prefix test by comparison rather than LIKE, so '%' and '_' in the prefix
  // need no escaping. lower() folds ASCII only, like LIKE. An empty prefix
  // compares '' with '' and matches every row.
  auto query = statements_.use(std::string(kSelectCanned) +
                               "WHERE (owner_user_id IS NULL OR owner_user_id = ?1) "
                               "AND (lower(substr(shortcut, 1, length(?2))) = lower(?2) "
                               "OR lower(substr(title, 1, length(?2))) = lower(?2)) "
                               "ORDER BY owner_user_id IS NULL, shortcut, id LIMIT ?3");
  query->bind(1, user_id);
  query->bind(2, prefix);
  query->bind(3, limit);
  return read_all<CannedResponse>(*query);
}

}  // namespace livedesk::store::sqlite
