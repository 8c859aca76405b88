#pragma once
// The PrivacyStore (erasure, retention) on the connection of a SQLite Store (sqlite_store.cpp), which owns
// it and its statement cache; used by the Store's one thread. No method opens a transaction: the caller's
// job (one store batch) holds each erasure whole.
#include <sqlite3.h>

#include "store/privacy_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Erasure in SQLite.
class SqlitePrivacyStore final : public PrivacyStore {
 public:
  SqlitePrivacyStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  ErasedConversation erase_conversation(std::int64_t session_id, std::int64_t erased_ms) override;
  void erase_contact(std::int64_t contact_id, std::int64_t erased_ms) override;
  std::vector<std::int64_t> conversations_of(std::int64_t contact_id) override;
  bool blob_in_use(std::string_view sha256) override;
  std::vector<std::int64_t> closed_before(std::int64_t cutoff_ms, int limit) override;
  std::optional<std::int64_t> erased_ms(std::int64_t session_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
