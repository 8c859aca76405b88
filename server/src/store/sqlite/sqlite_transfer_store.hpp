#pragma once
// The TransferStore (transfers) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/transfer_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Transfers in SQLite.
class SqliteTransferStore final : public TransferStore {
 public:
  SqliteTransferStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t insert(const Transfer& transfer) override;
  void resolve(std::int64_t id, std::string_view status, std::int64_t resolved_ms) override;
  std::optional<Transfer> find(std::int64_t id) override;
  std::vector<Transfer> pending() override;
  std::vector<Transfer> of_session(std::int64_t session_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
