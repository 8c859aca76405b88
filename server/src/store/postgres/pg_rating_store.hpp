#pragma once
// The RatingStore (ratings) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/rating_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Ratings in PostgreSQL.
class PgRatingStore final : public RatingStore {
 public:
  explicit PgRatingStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  void insert(const CsatRating& rating) override;
  std::optional<CsatRating> find(std::int64_t session_id) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
