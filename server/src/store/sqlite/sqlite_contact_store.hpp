#pragma once
// The ContactStore (customers) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/contact_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Customers in SQLite.
class SqliteContactStore final : public ContactStore {
 public:
  SqliteContactStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  Contact upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) override;
  std::optional<Contact> find(std::int64_t id) override;
  std::optional<Contact> find_by_email(std::string_view email_lowercase) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
