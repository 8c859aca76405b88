#pragma once
// The AuditStore (the audit trail) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/audit_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// The audit trail in PostgreSQL.
class PgAuditStore final : public AuditStore {
 public:
  explicit PgAuditStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t append(const AuditEntry& entry) override;
  std::vector<AuditEntry> query(const AuditQuery& query) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
