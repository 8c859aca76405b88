#pragma once
// The AccountStore (staff accounts and their presence) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/account_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Staff accounts and their presence in PostgreSQL.
class PgAccountStore final : public AccountStore {
 public:
  explicit PgAccountStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t create(const NewStaffUser& user) override;
  std::optional<StaffUser> find(std::int64_t id) override;
  std::optional<StaffUser> find_by_username(std::string_view username) override;
  std::vector<StaffUser> list() override;
  void update_presence(std::int64_t user_id, std::string_view status, std::int64_t last_active_ms) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
