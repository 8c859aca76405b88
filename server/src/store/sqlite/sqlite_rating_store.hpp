#pragma once
// The RatingStore (ratings) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/rating_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Ratings in SQLite.
class SqliteRatingStore final : public RatingStore {
 public:
  SqliteRatingStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  void insert(const CsatRating& rating) override;
  std::optional<CsatRating> find(std::int64_t session_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
