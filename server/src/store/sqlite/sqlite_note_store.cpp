#include "store/sqlite/sqlite_note_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectNote =
    "SELECT id, session_id, author_user_id, kind, body, created_ms, updated_ms, deleted_ms FROM notes ";

}  // namespace

std::int64_t SqliteNoteStore::insert(const Note& note) {
  auto insert = statements_.use(
      "INSERT INTO notes(session_id, author_user_id, kind, body, created_ms, updated_ms, deleted_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert->bind(1, note.session_id);
  insert->bind(2, note.author_user_id);
  insert->bind(3, note.kind);
  insert->bind(4, note.body);
  insert->bind(5, note.created_ms);
  insert->bind(6, note.updated_ms);
  insert->bind(7, note.deleted_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteNoteStore::update(const Note& note) {
  auto update = statements_.use("UPDATE notes SET body = ?2, updated_ms = ?3, deleted_ms = ?4 WHERE id = ?1");
  update->bind(1, note.id);
  update->bind(2, note.body);
  update->bind(3, note.updated_ms);
  update->bind(4, note.deleted_ms);
  update->run();
  if (sqlite3_changes(db_) == 0) {
    throw StoreError("no note " + std::to_string(note.id) + " to update");
  }
}

std::optional<Note> SqliteNoteStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectNote) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<Note>(*query);
}

std::vector<Note> SqliteNoteStore::of_session(std::int64_t session_id) {
  // Served by notes_by_session (session_id, created_ms).
  auto query = statements_.use(std::string(kSelectNote) +
                               "WHERE session_id = ?1 AND deleted_ms IS NULL ORDER BY created_ms, id");
  query->bind(1, session_id);
  return read_all<Note>(*query);
}

}  // namespace livedesk::store::sqlite
