#pragma once
// The AuditStore (the audit trail) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/audit_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// The audit trail in SQLite.
class SqliteAuditStore final : public AuditStore {
 public:
  SqliteAuditStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t append(const AuditEntry& entry) override;
  std::vector<AuditEntry> query(const AuditQuery& query) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
