#include "store/postgres/pg_rating_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

constexpr PgStatement kInsertRating{
    "insert_rating", "INSERT INTO csat_ratings(session_id, rating, comment, created_ms) VALUES ($1, $2, $3, $4)"};
constexpr PgStatement kFindRating{
    "find_rating", "SELECT session_id, rating, comment, created_ms FROM csat_ratings WHERE session_id = $1"};

constexpr PgStatement kStatements[] = {kInsertRating, kFindRating};

}  // namespace

std::span<const PgStatement> PgRatingStore::statements() { return kStatements; }

void PgRatingStore::insert(const CsatRating& r) {
  db_.write(
      [&](pqxx::transaction_base& tx) { exec(tx, kInsertRating, r.session_id, r.rating, r.comment, r.created_ms); });
}

std::optional<CsatRating> PgRatingStore::find(std::int64_t session_id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<CsatRating>(exec(tx, kFindRating, session_id)); });
}

}  // namespace livedesk::store::postgres
