#pragma once
// The CustomerStore (customers) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/customer_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Customers in SQLite.
class SqliteCustomerStore final : public CustomerStore {
 public:
  SqliteCustomerStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  Customer upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) override;
  std::optional<Customer> find(std::int64_t id) override;
  std::optional<Customer> find_by_email(std::string_view email_lowercase) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
