#include "store/sqlite/sqlite_disposition_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectDisposition = "SELECT id, name, created_ms, archived_ms FROM dispositions ";
constexpr const char* kRequiredKey = "conversations.disposition_required";

}  // namespace

std::int64_t SqliteDispositionStore::insert(const Disposition& d) {
  // dispositions_by_name (lower(name)) turns a name taken ignoring case into DuplicateError.
  auto insert = statements_.use("INSERT INTO dispositions(name, created_ms, archived_ms) VALUES (?1, ?2, ?3)");
  insert->bind(1, d.name);
  insert->bind(2, d.created_ms);
  insert->bind(3, d.archived_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteDispositionStore::update(const Disposition& d) {
  auto update = statements_.use("UPDATE dispositions SET name = ?2, archived_ms = ?3 WHERE id = ?1");
  update->bind(1, d.id);
  update->bind(2, d.name);
  update->bind(3, d.archived_ms);
  update->run();
  if (sqlite3_changes(db_) == 0) throw StoreError("no disposition " + std::to_string(d.id) + " to update");
}

std::optional<Disposition> SqliteDispositionStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectDisposition) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<Disposition>(*query);
}

std::vector<Disposition> SqliteDispositionStore::all(bool include_archived) {
  auto query = statements_.use(std::string(kSelectDisposition) + "WHERE ?1 OR archived_ms IS NULL ORDER BY id");
  query->bind(1, include_archived ? 1 : 0);
  return read_all<Disposition>(*query);
}

void SqliteDispositionStore::set_of_session(std::int64_t session_id, std::optional<std::int64_t> disposition_id) {
  auto update = statements_.use("UPDATE chat_sessions SET disposition_id = ?2 WHERE id = ?1");
  update->bind(1, session_id);
  update->bind(2, disposition_id);
  update->run();
  if (sqlite3_changes(db_) == 0) throw StoreError("no session " + std::to_string(session_id));
}

std::optional<std::int64_t> SqliteDispositionStore::of_session(std::int64_t session_id) {
  auto query = statements_.use("SELECT disposition_id FROM chat_sessions WHERE id = ?1");
  query->bind(1, session_id);
  if (!query->step()) return std::nullopt;
  return query->column_optional_int64(0);
}

bool SqliteDispositionStore::required() {
  auto query = statements_.use("SELECT value FROM settings WHERE key = ?1");
  query->bind(1, kRequiredKey);
  return query->step() && query->column_text(0) == "true";
}

void SqliteDispositionStore::set_required(bool required) {
  auto upsert = statements_.use(
      "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  upsert->bind(1, kRequiredKey);
  upsert->bind(2, required ? "true" : "false");
  upsert->run();
}

}  // namespace livedesk::store::sqlite
