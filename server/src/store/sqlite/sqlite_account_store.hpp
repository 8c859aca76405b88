#pragma once
// The AccountStore (staff accounts and their presence) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/account_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Staff accounts and their presence in SQLite.
class SqliteAccountStore final : public AccountStore {
 public:
  SqliteAccountStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t create(const NewStaffUser& user) override;
  std::optional<StaffUser> find(std::int64_t id) override;
  std::optional<StaffUser> find_by_username(std::string_view username) override;
  std::vector<StaffUser> list() override;
  void update_presence(std::int64_t user_id, std::string_view status, std::int64_t last_active_ms) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
