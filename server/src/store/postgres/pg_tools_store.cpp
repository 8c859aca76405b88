// The agent-tools part of PgChatStore (see pg_chat_store.hpp): transfers,
// canned responses and notes.
#include <string>

#include "store/postgres/pg_chat_store.hpp"
#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_TRANSFER \
  "SELECT id, session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms "
#define LIVEDESK_PG_CANNED "SELECT id, owner_user_id, shortcut, title, body, created_ms, updated_ms "
#define LIVEDESK_PG_NOTE "SELECT id, session_id, author_user_id, kind, body, created_ms, updated_ms, deleted_ms "
// ASCII-only case folding, as SQLite's lower(), whatever the database's locale.
#define LIVEDESK_PG_ASCII_LOWER(x) "translate(" x ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

// transfers_one_pending_per_session turns a second pending one into DuplicateError.
constexpr PgStatement kInsertTransfer{
    "insert_transfer",
    "INSERT INTO transfers(session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
// Unknown statuses fail the table's CHECK.
constexpr PgStatement kResolveTransfer{
    "resolve_transfer", "UPDATE transfers SET status = $2, resolved_ms = $3 WHERE id = $1 AND status = 'pending'"};
constexpr PgStatement kFindTransfer{"find_transfer", LIVEDESK_PG_TRANSFER "FROM transfers WHERE id = $1"};
constexpr PgStatement kPendingTransfers{
    "pending_transfers", LIVEDESK_PG_TRANSFER "FROM transfers WHERE status = 'pending' ORDER BY created_ms, id"};
constexpr PgStatement kTransfersOfSession{
    "transfers_of_session", LIVEDESK_PG_TRANSFER "FROM transfers WHERE session_id = $1 ORDER BY created_ms, id"};

// canned_responses_by_owner_shortcut (coalesce(owner, 0), shortcut) gives DuplicateError.
constexpr PgStatement kInsertCanned{
    "insert_canned",
    "INSERT INTO canned_responses(owner_user_id, shortcut, title, body, created_ms, updated_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr PgStatement kUpdateCanned{
    "update_canned", "UPDATE canned_responses SET shortcut = $2, title = $3, body = $4, updated_ms = $5 WHERE id = $1"};
constexpr PgStatement kDeleteCanned{"delete_canned", "DELETE FROM canned_responses WHERE id = $1"};
constexpr PgStatement kFindCanned{"find_canned", LIVEDESK_PG_CANNED "FROM canned_responses WHERE id = $1"};
// A prefix test with starts_with rather than LIKE, so '%', '_' and '\' in the
// prefix are plain characters with nothing to escape; an empty prefix matches
// every row. COLLATE "C" sorts by code point, as SQLite's BINARY does.
constexpr PgStatement kSearchCanned{
    "search_canned",
    LIVEDESK_PG_CANNED "FROM canned_responses WHERE (owner_user_id IS NULL OR owner_user_id = $1) "
    "AND (starts_with(" LIVEDESK_PG_ASCII_LOWER("shortcut") ", " LIVEDESK_PG_ASCII_LOWER("$2::text") ") "
    "OR starts_with(" LIVEDESK_PG_ASCII_LOWER("title") ", " LIVEDESK_PG_ASCII_LOWER("$2::text") ")) "
    "ORDER BY owner_user_id IS NULL, shortcut COLLATE \"C\", id LIMIT $3"};

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

#undef LIVEDESK_PG_TRANSFER
#undef LIVEDESK_PG_CANNED
#undef LIVEDESK_PG_NOTE
#undef LIVEDESK_PG_ASCII_LOWER

constexpr PgStatement kStatements[] = {kInsertTransfer,     kResolveTransfer, kFindTransfer, kPendingTransfers,
                                       kTransfersOfSession, kInsertCanned,    kUpdateCanned, kDeleteCanned,
                                       kFindCanned,         kSearchCanned,    kInsertNote,   kUpdateNote,
                                       kFindNote,           kNotesOfSession};

Transfer read_transfer(const pqxx::row& row) {
  return Transfer{.id = as_int64(row[0]),
                  .session_id = as_int64(row[1]),
                  .from_agent_id = as_int64(row[2]),
                  .to_agent_id = as_optional_int64(row[3]),
                  .reason = as_text(row[4]),
                  .status = as_text(row[5]),
                  .created_ms = as_int64(row[6]),
                  .resolved_ms = as_optional_int64(row[7])};
}

CannedResponse read_canned(const pqxx::row& row) {
  return CannedResponse{.id = as_int64(row[0]),
                        .owner_user_id = as_optional_int64(row[1]),
                        .shortcut = as_text(row[2]),
                        .title = as_text(row[3]),
                        .body = as_text(row[4]),
                        .created_ms = as_int64(row[5]),
                        .updated_ms = as_int64(row[6])};
}

Note read_note(const pqxx::row& row) {
  return Note{.id = as_int64(row[0]),
              .session_id = as_int64(row[1]),
              .author_user_id = as_int64(row[2]),
              .kind = as_text(row[3]),
              .body = as_text(row[4]),
              .created_ms = as_int64(row[5]),
              .updated_ms = as_int64(row[6]),
              .deleted_ms = as_optional_int64(row[7])};
}

}  // namespace

std::span<const PgStatement> tools_statements() { return kStatements; }

// ---- transfers ----

std::int64_t PgChatStore::insert_transfer(const Transfer& t) {
  return db().write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertTransfer, t.session_id, t.from_agent_id, t.to_agent_id, t.reason, t.status,
                         t.created_ms, t.resolved_ms)[0][0]);
  });
}

void PgChatStore::resolve_transfer(std::int64_t id, std::string_view status, std::int64_t resolved_ms) {
  if (status == "pending") throw StoreError("a transfer cannot be resolved to \"pending\"");
  db().write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kResolveTransfer, id, status, resolved_ms).affected_rows() == 0) {
      throw StoreError("no pending transfer " + std::to_string(id) + " to resolve");
    }
  });
}

std::optional<Transfer> PgChatStore::find_transfer(std::int64_t id) {
  return db().read(
      [&](pqxx::transaction_base& tx) { return read_first<Transfer>(exec(tx, kFindTransfer, id), read_transfer); });
}

std::vector<Transfer> PgChatStore::pending_transfers() {
  return db().read(
      [&](pqxx::transaction_base& tx) { return read_all<Transfer>(exec(tx, kPendingTransfers), read_transfer); });
}

std::vector<Transfer> PgChatStore::transfers_of_session(std::int64_t session_id) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<Transfer>(exec(tx, kTransfersOfSession, session_id), read_transfer);
  });
}

// ---- canned responses ----

std::int64_t PgChatStore::insert_canned(const CannedResponse& c) {
  return db().write([&](pqxx::transaction_base& tx) {
    return as_int64(
        exec(tx, kInsertCanned, c.owner_user_id, c.shortcut, c.title, c.body, c.created_ms, c.updated_ms)[0][0]);
  });
}

void PgChatStore::update_canned(const CannedResponse& c) {
  db().write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdateCanned, c.id, c.shortcut, c.title, c.body, c.updated_ms).affected_rows() == 0) {
      throw StoreError("no canned response " + std::to_string(c.id) + " to update");
    }
  });
}

bool PgChatStore::delete_canned(std::int64_t id) {
  return db().write([&](pqxx::transaction_base& tx) { return exec(tx, kDeleteCanned, id).affected_rows() > 0; });
}

std::optional<CannedResponse> PgChatStore::find_canned(std::int64_t id) {
  return db().read(
      [&](pqxx::transaction_base& tx) { return read_first<CannedResponse>(exec(tx, kFindCanned, id), read_canned); });
}

std::vector<CannedResponse> PgChatStore::search_canned(std::int64_t user_id, std::string_view prefix, int limit) {
  if (limit <= 0) return {};
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<CannedResponse>(exec(tx, kSearchCanned, user_id, prefix, limit), read_canned);
  });
}

// ---- notes ----

std::int64_t PgChatStore::insert_note(const Note& n) {
  return db().write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertNote, n.session_id, n.author_user_id, n.kind, n.body, n.created_ms, n.updated_ms,
                         n.deleted_ms)[0][0]);
  });
}

void PgChatStore::update_note(const Note& n) {
  db().write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdateNote, n.id, n.body, n.updated_ms, n.deleted_ms).affected_rows() == 0) {
      throw StoreError("no note " + std::to_string(n.id) + " to update");
    }
  });
}

std::optional<Note> PgChatStore::find_note(std::int64_t id) {
  return db().read([&](pqxx::transaction_base& tx) { return read_first<Note>(exec(tx, kFindNote, id), read_note); });
}

std::vector<Note> PgChatStore::notes_of_session(std::int64_t session_id) {
  return db().read(
      [&](pqxx::transaction_base& tx) { return read_all<Note>(exec(tx, kNotesOfSession, session_id), read_note); });
}

}  // namespace livedesk::store::postgres
