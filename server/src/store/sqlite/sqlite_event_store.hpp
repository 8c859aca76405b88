#pragma once
// The EventStore (events) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
//
// Positions come from AUTOINCREMENT: its counter (sqlite_sequence) is part of
// the transaction, so a rolled-back append leaves no hole, and it never goes
// back, so pruning never lets a position be given twice.
#include <sqlite3.h>

#include "store/event_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// The event log in SQLite.
class SqliteEventStore final : public EventStore {
 public:
  SqliteEventStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t append(const EventRecord& record) override;
  std::vector<EventRecord> read_after(std::int64_t after, std::size_t limit) override;
  std::int64_t last_position() override;
  std::int64_t first_position() override;
  std::size_t prune_before(std::int64_t created_before_ms, std::size_t limit) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
