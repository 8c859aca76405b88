#pragma once
// The OutboxStore (the outbox's cursors) on the connection of a PostgreSQL
// Store (pg_store.cpp), which owns it; used by the Store's one thread. Each
// method runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/outbox_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// The outbox's cursors in PostgreSQL.
class PgOutboxStore final : public OutboxStore {
 public:
  explicit PgOutboxStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::optional<OutboxCursor> find(const std::string& consumer) override;
  std::vector<OutboxCursor> list() override;
  void save(const OutboxCursor& cursor) override;
  bool remove(const std::string& consumer) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
