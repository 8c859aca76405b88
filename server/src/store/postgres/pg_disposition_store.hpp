#pragma once
// The DispositionStore (dispositions, chat_sessions.disposition_id, one
// settings row) on the connection of a PostgreSQL Store (pg_store.cpp), which
// owns it; used by the Store's one thread. Each method runs through
// PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/disposition_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Dispositions in PostgreSQL.
class PgDispositionStore final : public DispositionStore {
 public:
  explicit PgDispositionStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const Disposition& disposition) override;
  void update(const Disposition& disposition) override;
  std::optional<Disposition> find(std::int64_t id) override;
  std::vector<Disposition> all(bool include_archived) override;
  void set_of_session(std::int64_t session_id, std::optional<std::int64_t> disposition_id) override;
  std::optional<std::int64_t> of_session(std::int64_t session_id) override;
  bool required() override;
  void set_required(bool required) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
