#pragma once
// The BlockStore (customer blocks) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/block_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Customer blocks in PostgreSQL.
class PgBlockStore final : public BlockStore {
 public:
  explicit PgBlockStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  bool is_blocked(std::string_view email_lowercase) override;
  std::int64_t insert(const CustomerBlock& block) override;
  std::optional<CustomerBlock> lift(std::string_view email_lowercase, std::int64_t lifted_by,
                                    std::int64_t at_ms) override;
  std::vector<CustomerBlock> active() override;
  std::vector<CustomerBlock> of_customer(std::int64_t customer_id) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
