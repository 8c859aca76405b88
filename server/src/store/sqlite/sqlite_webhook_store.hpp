#pragma once
// The WebhookStore (webhook endpoints and attempts) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/sqlite/statement.hpp"
#include "store/webhook_store.hpp"

namespace livedesk::store::sqlite {

// Webhook endpoints and attempts in SQLite.
class SqliteWebhookStore final : public WebhookStore {
 public:
  SqliteWebhookStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

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
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
