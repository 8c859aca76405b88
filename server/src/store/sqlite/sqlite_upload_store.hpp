#pragma once
// The UploadStore (uploaded files) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/upload_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Uploaded files in SQLite.
class SqliteUploadStore final : public UploadStore {
 public:
  SqliteUploadStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  void insert(const UploadedFile& file) override;
  std::optional<UploadedFile> find(std::int64_t session_id, std::string_view sha256) override;
  std::vector<UploadedFile> of_session(std::int64_t session_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
