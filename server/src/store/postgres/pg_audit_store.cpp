#include "store/postgres/pg_audit_store.hpp"

#include <limits>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

constexpr PgStatement kAppendAudit{
    "append_audit",
    "INSERT INTO audit_log(at_ms, actor_user_id, action, target_type, target_id, detail_json) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
// One fixed statement for every combination of filters: an unset filter is
// bound as NULL and its "$N IS NULL OR ..." term is true. The casts give each
// parameter its type where "IS NULL" alone would leave it unknown.
constexpr PgStatement kQueryAudit{
    "query_audit",
    "SELECT id, at_ms, actor_user_id, action, target_type, target_id, detail_json FROM audit_log "
    "WHERE id < $1 "
    "AND ($2::bigint IS NULL OR actor_user_id = $2::bigint) "
    "AND ($3::bigint IS NULL OR at_ms >= $3::bigint) "
    "AND ($4::bigint IS NULL OR at_ms < $4::bigint) "
    "AND ($5::text IS NULL OR action = $5::text) "
    "ORDER BY id DESC LIMIT $6"};

constexpr PgStatement kStatements[] = {kAppendAudit, kQueryAudit};

}  // namespace

std::span<const PgStatement> PgAuditStore::statements() { return kStatements; }

std::int64_t PgAuditStore::append(const AuditEntry& e) {
  const std::string_view detail = e.detail_json.empty() ? std::string_view("{}") : std::string_view(e.detail_json);
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(
        exec(tx, kAppendAudit, e.at_ms, e.actor_user_id, e.action, e.target_type, e.target_id, detail)[0][0]);
  });
}

std::vector<AuditEntry> PgAuditStore::query(const AuditQuery& q) {
  if (q.limit <= 0) return {};
  // "No bound" on id is the largest id.
  const std::int64_t before = q.before_id > 0 ? q.before_id : std::numeric_limits<std::int64_t>::max();
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<AuditEntry>(exec(tx, kQueryAudit, before, q.actor_user_id, q.from_ms, q.to_ms, q.action, q.limit));
  });
}

}  // namespace livedesk::store::postgres
