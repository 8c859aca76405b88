#pragma once
// The TransferStore (transfers) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/transfer_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Transfers in PostgreSQL.
class PgTransferStore final : public TransferStore {
 public:
  explicit PgTransferStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const Transfer& transfer) override;
  void resolve(std::int64_t id, std::string_view status, std::int64_t resolved_ms) override;
  std::optional<Transfer> find(std::int64_t id) override;
  std::vector<Transfer> pending() override;
  std::vector<Transfer> of_session(std::int64_t session_id) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
