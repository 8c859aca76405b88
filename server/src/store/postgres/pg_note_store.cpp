#include "store/postgres/pg_note_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_NOTE "SELECT id, session_id, author_user_id, kind, body, created_ms, updated_ms, deleted_ms "

constexpr PgStatement kInsertNote{
    "insert_note",
    "INSERT INTO notes(session_id, author_user_id, kind, body, created_ms, updated_ms, deleted_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr PgStatement kUpdateNote{"update_note",
                                  "UPDATE notes SET body = $2, updated_ms = $3, deleted_ms = $4 WHERE id = $1"};
constexpr PgStatement kFindNote{"find_note", LIVEDESK_PG_NOTE "FROM notes WHERE id = $1"};
// Served by notes_by_session (session_id, created_ms).
constexpr PgStatement kNotesOfSession{
    "notes_of_session",
    LIVEDESK_PG_NOTE "FROM notes WHERE session_id = $1 AND deleted_ms IS NULL ORDER BY created_ms, id"};

#undef LIVEDESK_PG_NOTE

constexpr PgStatement kStatements[] = {kInsertNote, kUpdateNote, kFindNote, kNotesOfSession};

}  // namespace

std::span<const PgStatement> PgNoteStore::statements() { return kStatements; }

std::int64_t PgNoteStore::insert(const Note& n) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertNote, n.session_id, n.author_user_id, n.kind, n.body, n.created_ms, n.updated_ms,
                         n.deleted_ms)[0][0]);
  });
}

void PgNoteStore::update(const Note& n) {
  db_.write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdateNote, n.id, n.body, n.updated_ms, n.deleted_ms).affected_rows() == 0) {
      throw StoreError("no note " + std::to_string(n.id) + " to update");
    }
  });
}

std::optional<Note> PgNoteStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<Note>(exec(tx, kFindNote, id)); });
}

std::vector<Note> PgNoteStore::of_session(std::int64_t session_id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_all<Note>(exec(tx, kNotesOfSession, session_id)); });
}

}  // namespace livedesk::store::postgres
