#pragma once
// The PrivacyStore (erasure, retention) on the connection of a PostgreSQL Store (pg_store.cpp), which owns
// it; used by the Store's one thread. Each method runs through PgConnection::read / write (see
// pg_connection.hpp); an erasure is one write, whole or not at all.
#include <span>

#include "store/privacy_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Erasure in PostgreSQL.
class PgPrivacyStore final : public PrivacyStore {
 public:
  explicit PgPrivacyStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  ErasedConversation erase_conversation(std::int64_t session_id, std::int64_t erased_ms) override;
  void erase_contact(std::int64_t contact_id, std::int64_t erased_ms) override;
  std::vector<std::int64_t> conversations_of(std::int64_t contact_id) override;
  bool blob_in_use(std::string_view sha256) override;
  std::vector<std::int64_t> closed_before(std::int64_t cutoff_ms, int limit) override;
  std::optional<std::int64_t> erased_ms(std::int64_t session_id) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
