#include "store/sqlite/sqlite_webhook_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectWebhook =
    "SELECT id, url, event_types, secret, active, disabled_reason, disabled_ms, created_ms, updated_ms "
    "FROM webhooks ";

}  // namespace

std::int64_t SqliteWebhookStore::insert(const Webhook& w) {
  auto insert = statements_.use(
      "INSERT INTO webhooks(url, event_types, secret, active, disabled_reason, disabled_ms, created_ms, updated_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert->bind(1, w.url);
  insert->bind(2, w.event_types);
  insert->bind(3, w.secret);
  insert->bind(4, w.active);
  insert->bind(5, w.disabled_reason);
  insert->bind(6, w.disabled_ms);
  insert->bind(7, w.created_ms);
  insert->bind(8, w.updated_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<Webhook> SqliteWebhookStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectWebhook) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<Webhook>(*query);
}

std::vector<Webhook> SqliteWebhookStore::list() {
  auto query = statements_.use(std::string(kSelectWebhook) + "ORDER BY id");
  return read_all<Webhook>(*query);
}

bool SqliteWebhookStore::update(const Webhook& w) {
  auto update = statements_.use(
      "UPDATE webhooks SET url = ?2, event_types = ?3, active = ?4, disabled_reason = ?5, disabled_ms = ?6, "
      "updated_ms = ?7 WHERE id = ?1");
  update->bind(1, w.id);
  update->bind(2, w.url);
  update->bind(3, w.event_types);
  update->bind(4, w.active);
  update->bind(5, w.disabled_reason);
  update->bind(6, w.disabled_ms);
  update->bind(7, w.updated_ms);
  update->run();
  return sqlite3_changes(db_) > 0;
}

bool SqliteWebhookStore::remove(std::int64_t id) {
  auto remove = statements_.use("DELETE FROM webhooks WHERE id = ?1");  // attempts: ON DELETE CASCADE
  remove->bind(1, id);
  remove->run();
  return sqlite3_changes(db_) > 0;
}

std::int64_t SqliteWebhookStore::add_attempt(const WebhookAttempt& a) {
  auto insert = statements_.use(
      "INSERT INTO webhook_attempts(webhook_id, position, event_id, attempt, at_ms, status_code, latency_ms, error, "
      "manual) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert->bind(1, a.webhook_id);
  insert->bind(2, a.position);
  insert->bind(3, a.event_id);
  insert->bind(4, a.attempt);
  insert->bind(5, a.at_ms);
  insert->bind(6, a.status_code);
  insert->bind(7, a.latency_ms);
  insert->bind(8, a.error);
  insert->bind(9, a.manual);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<WebhookAttempt> SqliteWebhookStore::attempts(std::int64_t webhook_id, std::optional<std::int64_t> before_id,
                                                         std::size_t limit) {
  auto query = statements_.use(
      "SELECT id, webhook_id, position, event_id, attempt, at_ms, status_code, latency_ms, error, manual "
      "FROM webhook_attempts WHERE webhook_id = ?1 AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3");
  query->bind(1, webhook_id);
  query->bind(2, before_id);
  query->bind(3, static_cast<std::int64_t>(limit));
  return read_all<WebhookAttempt>(*query);
}

std::size_t SqliteWebhookStore::prune_attempts(std::int64_t before_ms, std::size_t limit) {
  auto remove = statements_.use(
      "DELETE FROM webhook_attempts WHERE id IN (SELECT id FROM webhook_attempts WHERE at_ms < ?1 ORDER BY id "
      "LIMIT ?2)");
  remove->bind(1, before_ms);
  remove->bind(2, static_cast<std::int64_t>(limit));
  remove->run();
  return static_cast<std::size_t>(sqlite3_changes(db_));
}

}  // namespace livedesk::store::sqlite
