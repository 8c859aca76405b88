#include "store/sqlite/sqlite_event_store.hpp"

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

std::int64_t SqliteEventStore::append(const EventRecord& record) {
  auto insert = statements_.use("INSERT INTO events(event_id, type, created_ms, payload) VALUES (?1, ?2, ?3, ?4)");
  insert->bind(1, record.event_id);
  insert->bind(2, record.type);
  insert->bind(3, record.created_ms);
  insert->bind(4, record.payload);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<EventRecord> SqliteEventStore::read_after(std::int64_t after, std::size_t limit) {
  auto query = statements_.use(
      "SELECT position, event_id, type, created_ms, payload FROM events WHERE position > ?1 ORDER BY position "
      "LIMIT ?2");
  query->bind(1, after);
  query->bind(2, static_cast<std::int64_t>(limit));
  return read_all<EventRecord>(*query);
}

std::int64_t SqliteEventStore::last_position() {
  auto query = statements_.use("SELECT ifnull(max(seq), 0) FROM sqlite_sequence WHERE name = 'events'");
  query->step();
  return query->column_int64(0);
}

std::int64_t SqliteEventStore::first_position() {
  auto query = statements_.use("SELECT min(position) FROM events");
  if (query->step() && !query->column_is_null(0)) return query->column_int64(0);
  return last_position() + 1;
}

std::size_t SqliteEventStore::prune_before(std::int64_t created_before_ms, std::size_t limit) {
  // Only a prefix goes: the oldest rows in position order, up to the first one still kept, so
  // the log never has a hole (times are the leader's clock and may step back across leaders).
  auto oldest = statements_.use("SELECT position, created_ms FROM events ORDER BY position LIMIT ?1");
  oldest->bind(1, static_cast<std::int64_t>(limit));
  std::int64_t up_to = 0;
  std::size_t count = 0;
  while (oldest->step() && oldest->column_int64(1) < created_before_ms) {
    up_to = oldest->column_int64(0);
    ++count;
  }
  oldest->reset();
  if (count == 0) return 0;
  auto remove = statements_.use("DELETE FROM events WHERE position <= ?1");
  remove->bind(1, up_to);
  remove->run();
  return count;
}

}  // namespace livedesk::store::sqlite
