#pragma once
// The SettingStore (shared settings) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/setting_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Shared settings in SQLite.
class SqliteSettingStore final : public SettingStore {
 public:
  SqliteSettingStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::string shared(std::string_view key, const std::string& value_if_absent) override;
  std::optional<std::string> find(std::string_view key) override;
  void put(std::string_view key, const std::string& value) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
