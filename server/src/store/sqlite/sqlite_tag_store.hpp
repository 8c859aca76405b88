#pragma once
// The TagStore (tags, session_tags) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/sqlite/statement.hpp"
#include "store/tag_store.hpp"

namespace livedesk::store::sqlite {

// Tags in SQLite.
class SqliteTagStore final : public TagStore {
 public:
  SqliteTagStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t insert(const Tag& tag) override;
  void update(const Tag& tag) override;
  std::optional<Tag> find(std::int64_t id) override;
  std::vector<Tag> all(bool include_archived) override;
  bool add_to_session(std::int64_t session_id, std::int64_t tag_id, std::optional<std::int64_t> added_by,
                      std::int64_t added_ms) override;
  bool remove_from_session(std::int64_t session_id, std::int64_t tag_id) override;
  std::vector<Tag> of_session(std::int64_t session_id) override;
  std::vector<Tagging> taggings_of(std::int64_t session_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
