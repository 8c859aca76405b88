#pragma once
// The DispositionStore (dispositions, chat_sessions.disposition_id, one
// settings row) on the connection of a SQLite Store (sqlite_store.cpp), which
// owns it and its statement cache; used by the Store's one thread. No method
// opens a transaction.
#include <sqlite3.h>

#include "store/disposition_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Dispositions in SQLite.
class SqliteDispositionStore final : public DispositionStore {
 public:
  SqliteDispositionStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t insert(const Disposition& disposition) override;
  void update(const Disposition& disposition) override;
  std::optional<Disposition> find(std::int64_t id) override;
  std::vector<Disposition> all(bool include_archived) override;
  void set_of_session(std::int64_t session_id, std::optional<std::int64_t> disposition_id) override;
  std::optional<std::int64_t> of_session(std::int64_t session_id) override;
  bool required() override;
  void set_required(bool required) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
