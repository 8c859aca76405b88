#include "store/sqlite/sqlite_rating_store.hpp"

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

void SqliteRatingStore::insert(const CsatRating& rating) {
  auto insert =
      statements_.use("INSERT INTO csat_ratings(session_id, rating, comment, created_ms) VALUES (?1, ?2, ?3, ?4)");
  insert->bind(1, rating.session_id);
  insert->bind(2, rating.rating);
  insert->bind(3, rating.comment);
  insert->bind(4, rating.created_ms);
  insert->run();
}

std::optional<CsatRating> SqliteRatingStore::find(std::int64_t session_id) {
  auto query =
      statements_.use("SELECT session_id, rating, comment, created_ms FROM csat_ratings WHERE session_id = ?1");
  query->bind(1, session_id);
  return read_first<CsatRating>(*query);
}

}  // namespace livedesk::store::sqlite
