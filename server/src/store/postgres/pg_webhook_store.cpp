#include "store/postgres/pg_webhook_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_WEBHOOK_COLUMNS \
  "id, url, event_types, secret, active, disabled_reason, disabled_ms, created_ms, updated_ms"

constexpr PgStatement kInsertWebhook{
    "insert_webhook",
    "INSERT INTO webhooks(url, event_types, secret, active, disabled_reason, disabled_ms, created_ms, updated_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr PgStatement kFindWebhook{"find_webhook",
                                   "SELECT " LIVEDESK_PG_WEBHOOK_COLUMNS " FROM webhooks WHERE id = $1"};
constexpr PgStatement kListWebhooks{"list_webhooks",
                                    "SELECT " LIVEDESK_PG_WEBHOOK_COLUMNS " FROM webhooks ORDER BY id"};
constexpr PgStatement kUpdateWebhook{
    "update_webhook",
    "UPDATE webhooks SET url = $2, event_types = $3, active = $4, disabled_reason = $5, disabled_ms = $6, "
    "updated_ms = $7 WHERE id = $1"};
constexpr PgStatement kDeleteWebhook{"delete_webhook", "DELETE FROM webhooks WHERE id = $1"};
constexpr PgStatement kInsertAttempt{
    "insert_webhook_attempt",
    "INSERT INTO webhook_attempts(webhook_id, position, event_id, attempt, at_ms, status_code, latency_ms, error, "
    "manual) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr PgStatement kAttempts{
    "webhook_attempts",
    "SELECT id, webhook_id, position, event_id, attempt, at_ms, status_code, latency_ms, error, manual "
    "FROM webhook_attempts WHERE webhook_id = $1 AND ($2::BIGINT IS NULL OR id < $2::BIGINT) ORDER BY id DESC "
    "LIMIT $3"};
constexpr PgStatement kPruneAttempts{
    "prune_webhook_attempts",
    "DELETE FROM webhook_attempts WHERE id IN (SELECT id FROM webhook_attempts WHERE at_ms < $1 ORDER BY id "
    "LIMIT $2)"};

#undef LIVEDESK_PG_WEBHOOK_COLUMNS

constexpr PgStatement kStatements[] = {kInsertWebhook, kFindWebhook,   kListWebhooks, kUpdateWebhook,
                                       kDeleteWebhook, kInsertAttempt, kAttempts,     kPruneAttempts};

}  // namespace

std::span<const PgStatement> PgWebhookStore::statements() { return kStatements; }

std::int64_t PgWebhookStore::insert(const Webhook& w) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertWebhook, w.url, w.event_types, w.secret, w.active, w.disabled_reason, w.disabled_ms,
                         w.created_ms, w.updated_ms)[0][0]);
  });
}

std::optional<Webhook> PgWebhookStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<Webhook>(exec(tx, kFindWebhook, id)); });
}

std::vector<Webhook> PgWebhookStore::list() {
  return db_.read([](pqxx::transaction_base& tx) { return read_all<Webhook>(exec(tx, kListWebhooks)); });
}

bool PgWebhookStore::update(const Webhook& w) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return exec(tx, kUpdateWebhook, w.id, w.url, w.event_types, w.active, w.disabled_reason, w.disabled_ms,
                w.updated_ms)
               .affected_rows() > 0;
  });
}

bool PgWebhookStore::remove(std::int64_t id) {
  return db_.write([&](pqxx::transaction_base& tx) { return exec(tx, kDeleteWebhook, id).affected_rows() > 0; });
}

std::int64_t PgWebhookStore::add_attempt(const WebhookAttempt& a) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertAttempt, a.webhook_id, a.position, a.event_id, a.attempt, a.at_ms, a.status_code,
                         a.latency_ms, a.error, a.manual)[0][0]);
  });
}

std::vector<WebhookAttempt> PgWebhookStore::attempts(std::int64_t webhook_id, std::optional<std::int64_t> before_id,
                                                     std::size_t limit) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<WebhookAttempt>(exec(tx, kAttempts, webhook_id, before_id, static_cast<std::int64_t>(limit)));
  });
}

std::size_t PgWebhookStore::prune_attempts(std::int64_t before_ms, std::size_t limit) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return static_cast<std::size_t>(
        exec(tx, kPruneAttempts, before_ms, static_cast<std::int64_t>(limit)).affected_rows());
  });
}

}  // namespace livedesk::store::postgres
