#pragma once
// The EventStore (events) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
//
// Positions come from the one row of event_log_head, raised in the appending
// transaction (migration 5 says why not a sequence).
#include <span>

#include "store/event_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// The event log in PostgreSQL.
class PgEventStore final : public EventStore {
 public:
  explicit PgEventStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t append(const EventRecord& record) override;
  std::vector<EventRecord> read_after(std::int64_t after, std::size_t limit) override;
  std::int64_t last_position() override;
  std::int64_t first_position() override;
  std::size_t prune_before(std::int64_t created_before_ms, std::size_t limit) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
