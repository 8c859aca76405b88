#include "store/postgres/pg_event_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

constexpr PgStatement kAppendEvent{
    "append_event",
    "WITH head AS (UPDATE event_log_head SET position = position + 1 RETURNING position) "
    "INSERT INTO events(position, event_id, type, created_ms, payload) "
    "SELECT position, $1, $2, $3, $4 FROM head RETURNING position"};
constexpr PgStatement kEventsAfter{
    "events_after",
    "SELECT position, event_id, type, created_ms, payload FROM events WHERE position > $1 ORDER BY position LIMIT $2"};
constexpr PgStatement kLastPosition{"event_log_last", "SELECT position FROM event_log_head"};
constexpr PgStatement kFirstPosition{"event_log_first", "SELECT min(position) FROM events"};
constexpr PgStatement kOldestEvents{"event_log_oldest",
                                    "SELECT position, created_ms FROM events ORDER BY position LIMIT $1"};
constexpr PgStatement kPruneEvents{"event_log_prune", "DELETE FROM events WHERE position <= $1"};

constexpr PgStatement kStatements[] = {kAppendEvent,   kEventsAfter,  kLastPosition,
                                       kFirstPosition, kOldestEvents, kPruneEvents};

}  // namespace

std::span<const PgStatement> PgEventStore::statements() { return kStatements; }

std::int64_t PgEventStore::append(const EventRecord& r) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kAppendEvent, r.event_id, r.type, r.created_ms, r.payload)[0][0]);
  });
}

std::vector<EventRecord> PgEventStore::read_after(std::int64_t after, std::size_t limit) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<EventRecord>(exec(tx, kEventsAfter, after, static_cast<std::int64_t>(limit)));
  });
}

std::int64_t PgEventStore::last_position() {
  return db_.read([&](pqxx::transaction_base& tx) { return as_int64(exec(tx, kLastPosition)[0][0]); });
}

std::int64_t PgEventStore::first_position() {
  auto first = db_.read([&](pqxx::transaction_base& tx) {
    auto field = exec(tx, kFirstPosition)[0][0];
    return field.is_null() ? std::int64_t{0} : as_int64(field);
  });
  return first != 0 ? first : last_position() + 1;
}

std::size_t PgEventStore::prune_before(std::int64_t created_before_ms, std::size_t limit) {
  // A prefix only, as in SQLite: up to the first row still kept.
  return db_.write([&](pqxx::transaction_base& tx) -> std::size_t {
    auto oldest = exec(tx, kOldestEvents, static_cast<std::int64_t>(limit));
    std::int64_t up_to = 0;
    std::size_t count = 0;
    for (const auto& row : oldest) {
      if (as_int64(row[1]) >= created_before_ms) break;
      up_to = as_int64(row[0]);
      ++count;
    }
    if (count > 0) exec(tx, kPruneEvents, up_to);
    return count;
  });
}

}  // namespace livedesk::store::postgres
