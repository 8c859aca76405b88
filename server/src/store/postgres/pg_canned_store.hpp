#pragma once
// The CannedStore (canned responses) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/canned_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Canned responses in PostgreSQL.
class PgCannedStore final : public CannedStore {
 public:
  explicit PgCannedStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const CannedResponse& canned) override;
  void update(const CannedResponse& canned) override;
  bool remove(std::int64_t id) override;
  std::optional<CannedResponse> find(std::int64_t id) override;
  std::vector<CannedResponse> search(std::int64_t user_id, std::string_view prefix, int limit) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
