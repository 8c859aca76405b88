#pragma once
// The NoteStore (notes) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/note_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Notes in SQLite.
class SqliteNoteStore final : public NoteStore {
 public:
  SqliteNoteStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t insert(const Note& note) override;
  void update(const Note& note) override;
  std::optional<Note> find(std::int64_t id) override;
  std::vector<Note> of_session(std::int64_t session_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
