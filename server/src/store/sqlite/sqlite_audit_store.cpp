#include "store/sqlite/sqlite_audit_store.hpp"

#include <limits>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

std::int64_t SqliteAuditStore::append(const AuditEntry& entry) {
  auto insert = statements_.use(
      "INSERT INTO audit_log(at_ms, actor_user_id, action, target_type, target_id, detail_json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert->bind(1, entry.at_ms);
  insert->bind(2, entry.actor_user_id);
  insert->bind(3, entry.action);
  insert->bind(4, entry.target_type);
  insert->bind(5, entry.target_id);
  insert->bind(6, entry.detail_json.empty() ? std::string_view("{}") : std::string_view(entry.detail_json));
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<AuditEntry> SqliteAuditStore::query(const AuditQuery& q) {
  if (q.limit <= 0) return {};  // SQLite reads a negative LIMIT as "no limit"
  // One fixed statement for every combination of filters: an unset filter is
  // bound as NULL and its "?N IS NULL OR ..." term is true. "No bound" on id is
  // the largest id.
  auto query = statements_.use(
      "SELECT id, at_ms, actor_user_id, action, target_type, target_id, detail_json FROM audit_log "
      "WHERE id < ?1 "
      "AND (?2 IS NULL OR actor_user_id = ?2) "
      "AND (?3 IS NULL OR at_ms >= ?3) "
      "AND (?4 IS NULL OR at_ms < ?4) "
      "AND (?5 IS NULL OR action = ?5) "
      "ORDER BY id DESC LIMIT ?6");
  query->bind(1, q.before_id > 0 ? q.before_id : std::numeric_limits<std::int64_t>::max());
  query->bind(2, q.actor_user_id);
  query->bind(3, q.from_ms);
  query->bind(4, q.to_ms);
  query->bind(5, q.action);
  query->bind(6, q.limit);
  return read_all<AuditEntry>(*query);
}

}  // namespace livedesk::store::sqlite
