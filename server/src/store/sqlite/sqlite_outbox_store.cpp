#include "store/sqlite/sqlite_outbox_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectCursor =
    "SELECT consumer, position, pending_position, attempts, first_attempt_ms, next_attempt_ms FROM outbox_cursors ";

}  // namespace

std::optional<OutboxCursor> SqliteOutboxStore::find(const std::string& consumer) {
  auto query = statements_.use(std::string(kSelectCursor) + "WHERE consumer = ?1");
  query->bind(1, consumer);
  return read_first<OutboxCursor>(*query);
}

std::vector<OutboxCursor> SqliteOutboxStore::list() {
  auto query = statements_.use(std::string(kSelectCursor) + "ORDER BY consumer");
  return read_all<OutboxCursor>(*query);
}

void SqliteOutboxStore::save(const OutboxCursor& c) {
  auto upsert = statements_.use(
      "INSERT INTO outbox_cursors(consumer, position, pending_position, attempts, first_attempt_ms, next_attempt_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(consumer) DO UPDATE SET "
      "position = max(position, excluded.position), pending_position = excluded.pending_position, "
      "attempts = excluded.attempts, first_attempt_ms = excluded.first_attempt_ms, "
      "next_attempt_ms = excluded.next_attempt_ms");
  upsert->bind(1, c.consumer);
  upsert->bind(2, c.position);
  upsert->bind(3, c.pending_position);
  upsert->bind(4, c.attempts);
  upsert->bind(5, c.first_attempt_ms);
  upsert->bind(6, c.next_attempt_ms);
  upsert->run();
}

bool SqliteOutboxStore::remove(const std::string& consumer) {
  auto remove = statements_.use("DELETE FROM outbox_cursors WHERE consumer = ?1");
  remove->bind(1, consumer);
  remove->run();
  return sqlite3_changes(db_) > 0;
}

}  // namespace livedesk::store::sqlite
