#include "store/sqlite/sqlite_session_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

std::int64_t SqliteSessionStore::insert(const ChatSession& session) {
  auto insert = statements_.use(
      "INSERT INTO chat_sessions(customer_id, agent_id, status, priority, subject, created_ms, assigned_ms, "
      "first_response_ms, closed_ms, close_reason, next_seq) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  insert->bind(1, session.customer_id);
  insert->bind(2, session.agent_id);
  insert->bind(3, session.status);
  insert->bind(4, session.priority);
  insert->bind(5, session.subject);
  insert->bind(6, session.created_ms);
  insert->bind(7, session.assigned_ms);
  insert->bind(8, session.first_response_ms);
  insert->bind(9, session.closed_ms);
  insert->bind(10, session.close_reason);
  insert->bind(11, session.next_seq);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteSessionStore::update(const ChatSession& session) {
  auto update = statements_.use(
      "UPDATE chat_sessions SET agent_id = ?2, status = ?3, priority = ?4, assigned_ms = ?5, "
      "first_response_ms = ?6, closed_ms = ?7, close_reason = ?8, next_seq = ?9 WHERE id = ?1");
  update->bind(1, session.id);
  update->bind(2, session.agent_id);
  update->bind(3, session.status);
  update->bind(4, session.priority);
  update->bind(5, session.assigned_ms);
  update->bind(6, session.first_response_ms);
  update->bind(7, session.closed_ms);
  update->bind(8, session.close_reason);
  update->bind(9, session.next_seq);
  update->run();
  if (sqlite3_changes(db_) == 0) {
    throw StoreError("no chat session " + std::to_string(session.id) + " to update");
  }
}

std::optional<ChatSession> SqliteSessionStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelect) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<ChatSession>(*query);
}

std::vector<ChatSession> SqliteSessionStore::list_by_status(std::string_view status) {
  // chat_sessions_by_status_created (status, created_ms, rowid) yields this order without sorting.
  auto query = statements_.use(std::string(kSelect) + "WHERE status = ?1 ORDER BY created_ms, id");
  query->bind(1, status);
  return read_all<ChatSession>(*query);
}

std::optional<ChatSession> SqliteSessionStore::latest_closed_of_customer(std::int64_t customer_id) {
  auto query = statements_.use(std::string(kSelect) +
                               "WHERE customer_id = ?1 AND status = 'closed' AND agent_id IS NOT NULL "
                               "ORDER BY closed_ms DESC, id DESC LIMIT 1");
  query->bind(1, customer_id);
  return read_first<ChatSession>(*query);
}

std::vector<ChatSession> SqliteSessionStore::open_of_customer(std::int64_t customer_id) {
  // Served by chat_sessions_by_customer (customer_id, created_ms).
  auto query = statements_.use(std::string(kSelect) +
                               "WHERE customer_id = ?1 AND status IN ('waiting', 'active') ORDER BY created_ms, id");
  query->bind(1, customer_id);
  return read_all<ChatSession>(*query);
}

}  // namespace livedesk::store::sqlite
