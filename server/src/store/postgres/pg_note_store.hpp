#pragma once
// The NoteStore (notes) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/note_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Notes in PostgreSQL.
class PgNoteStore final : public NoteStore {
 public:
  explicit PgNoteStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const Note& note) override;
  void update(const Note& note) override;
  std::optional<Note> find(std::int64_t id) override;
  std::vector<Note> of_session(std::int64_t session_id) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
