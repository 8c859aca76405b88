#pragma once
// The SessionStore (chat sessions) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/session_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Chat sessions in PostgreSQL.
class PgSessionStore final : public SessionStore {
 public:
  explicit PgSessionStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const ChatSession& session) override;
  void update(const ChatSession& session) override;
  std::optional<ChatSession> find(std::int64_t id) override;
  std::vector<ChatSession> list_by_status(std::string_view status) override;
  std::optional<ChatSession> latest_closed_of_customer(std::int64_t customer_id) override;
  std::vector<ChatSession> open_of_customer(std::int64_t customer_id) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
