#pragma once
// The BlockStore (customer blocks) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/block_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Customer blocks in SQLite.
class SqliteBlockStore final : public BlockStore {
 public:
  SqliteBlockStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  bool is_blocked(std::string_view email_lowercase) override;
  std::int64_t insert(const CustomerBlock& block) override;
  std::optional<CustomerBlock> lift(std::string_view email_lowercase, std::int64_t lifted_by,
                                    std::int64_t at_ms) override;
  std::vector<CustomerBlock> active() override;
  std::vector<CustomerBlock> of_customer(std::int64_t customer_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
