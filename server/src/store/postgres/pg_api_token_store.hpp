#pragma once
// The ApiTokenStore on the connection of a PostgreSQL Store (pg_store.cpp), which owns it; used by the Store's
// one thread. Each method runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/api_token_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// API tokens in PostgreSQL.
class PgApiTokenStore final : public ApiTokenStore {
 public:
  explicit PgApiTokenStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const ApiToken& token) override;
  std::optional<ApiToken> find(std::int64_t id) override;
  std::vector<ApiToken> all() override;
  std::optional<ApiToken> revoke(std::int64_t id, std::int64_t revoked_by, std::int64_t at_ms) override;
  void touch(std::int64_t id, std::int64_t used_ms) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
