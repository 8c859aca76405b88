#pragma once
// The ContactStore (customers) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/contact_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Customers in PostgreSQL.
class PgContactStore final : public ContactStore {
 public:
  explicit PgContactStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  Contact upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) override;
  std::optional<Contact> find(std::int64_t id) override;
  std::optional<Contact> find_by_email(std::string_view email_lowercase) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
