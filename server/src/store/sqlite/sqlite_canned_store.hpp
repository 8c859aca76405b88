#pragma once
// The CannedStore (canned responses) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/canned_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Canned responses in SQLite.
class SqliteCannedStore final : public CannedStore {
 public:
  SqliteCannedStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t insert(const CannedResponse& canned) override;
  void update(const CannedResponse& canned) override;
  bool remove(std::int64_t id) override;
  std::optional<CannedResponse> find(std::int64_t id) override;
  std::vector<CannedResponse> search(std::int64_t user_id, std::string_view prefix, int limit) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
