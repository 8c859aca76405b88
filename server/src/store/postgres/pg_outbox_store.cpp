#include "store/postgres/pg_outbox_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_CURSOR_COLUMNS "consumer, position, pending_position, attempts, first_attempt_ms, next_attempt_ms"

constexpr PgStatement kFindCursor{"find_outbox_cursor",
                                  "SELECT " LIVEDESK_PG_CURSOR_COLUMNS " FROM outbox_cursors WHERE consumer = $1"};
constexpr PgStatement kListCursors{"list_outbox_cursors",
                                   "SELECT " LIVEDESK_PG_CURSOR_COLUMNS " FROM outbox_cursors ORDER BY consumer"};
constexpr PgStatement kSaveCursor{
    "save_outbox_cursor",
    "INSERT INTO outbox_cursors(" LIVEDESK_PG_CURSOR_COLUMNS
    ") VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (consumer) DO UPDATE SET position = GREATEST(outbox_cursors.position, excluded.position), "
    "pending_position = excluded.pending_position, attempts = excluded.attempts, "
    "first_attempt_ms = excluded.first_attempt_ms, next_attempt_ms = excluded.next_attempt_ms"};
constexpr PgStatement kDeleteCursor{"delete_outbox_cursor", "DELETE FROM outbox_cursors WHERE consumer = $1"};

#undef LIVEDESK_PG_CURSOR_COLUMNS

constexpr PgStatement kStatements[] = {kFindCursor, kListCursors, kSaveCursor, kDeleteCursor};

}  // namespace

std::span<const PgStatement> PgOutboxStore::statements() { return kStatements; }

std::optional<OutboxCursor> PgOutboxStore::find(const std::string& consumer) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<OutboxCursor>(exec(tx, kFindCursor, consumer)); });
}

std::vector<OutboxCursor> PgOutboxStore::list() {
  return db_.read([](pqxx::transaction_base& tx) { return read_all<OutboxCursor>(exec(tx, kListCursors)); });
}

void PgOutboxStore::save(const OutboxCursor& c) {
  db_.write([&](pqxx::transaction_base& tx) {
    exec(tx, kSaveCursor, c.consumer, c.position, c.pending_position, c.attempts, c.first_attempt_ms,
         c.next_attempt_ms);
  });
}

bool PgOutboxStore::remove(const std::string& consumer) {
  return db_.write([&](pqxx::transaction_base& tx) { return exec(tx, kDeleteCursor, consumer).affected_rows() > 0; });
}

}  // namespace livedesk::store::postgres
