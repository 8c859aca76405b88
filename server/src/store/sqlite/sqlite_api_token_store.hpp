#pragma once
// The ApiTokenStore on the connection of a SQLite Store (sqlite_store.cpp), which owns it and its statement
// cache; used by the Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/api_token_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// API tokens in SQLite.
class SqliteApiTokenStore final : public ApiTokenStore {
 public:
  SqliteApiTokenStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t insert(const ApiToken& token) override;
  std::optional<ApiToken> find(std::int64_t id) override;
  std::vector<ApiToken> all() override;
  std::optional<ApiToken> revoke(std::int64_t id, std::int64_t revoked_by, std::int64_t at_ms) override;
  void touch(std::int64_t id, std::int64_t used_ms) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
