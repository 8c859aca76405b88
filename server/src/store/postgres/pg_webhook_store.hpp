#pragma once
// The WebhookStore (webhook endpoints and attempts) on the connection of a
// PostgreSQL Store (pg_store.cpp), which owns it; used by the Store's one
// thread. Each method runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/postgres/pg_connection.hpp"
#include "store/webhook_store.hpp"

namespace livedesk::store::postgres {

// Webhook endpoints and attempts in PostgreSQL.
class PgWebhookStore final : public WebhookStore {
 public:
  explicit PgWebhookStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const Webhook& webhook) override;
  std::optional<Webhook> find(std::int64_t id) override;
  std::vector<Webhook> list() override;
  bool update(const Webhook& webhook) override;
  bool remove(std::int64_t id) override;
  std::int64_t add_attempt(const WebhookAttempt& attempt) override;
  std::vector<WebhookAttempt> attempts(std::int64_t webhook_id, std::optional<std::int64_t> before_id,
                                       std::size_t limit) override;
  std::size_t prune_attempts(std::int64_t before_ms, std::size_t limit) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
