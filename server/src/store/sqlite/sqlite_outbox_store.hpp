#pragma once
// The OutboxStore (the outbox's cursors) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/outbox_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// The outbox's cursors in SQLite.
class SqliteOutboxStore final : public OutboxStore {
 public:
  SqliteOutboxStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::optional<OutboxCursor> find(const std::string& consumer) override;
  std::vector<OutboxCursor> list() override;
  void save(const OutboxCursor& cursor) override;
  bool remove(const std::string& consumer) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
