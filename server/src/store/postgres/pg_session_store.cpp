#include "store/postgres/pg_session_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

constexpr PgStatement kInsertSession{
    "insert_session",
    "INSERT INTO chat_sessions(customer_id, agent_id, status, priority, subject, created_ms, assigned_ms, "
    "first_response_ms, closed_ms, close_reason, next_seq) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"};
constexpr PgStatement kUpdateSession{
    "update_session",
    "UPDATE chat_sessions SET agent_id = $2, status = $3, priority = $4, assigned_ms = $5, "
    "first_response_ms = $6, closed_ms = $7, close_reason = $8, next_seq = $9 WHERE id = $1"};
constexpr PgStatement kFindSession{"find_session",
                                   "SELECT " LIVEDESK_PG_SESSION_COLUMNS " FROM chat_sessions WHERE id = $1"};
constexpr PgStatement kSessionsByStatus{"sessions_by_status",
                                        "SELECT " LIVEDESK_PG_SESSION_COLUMNS
                                        " FROM chat_sessions WHERE status = $1 ORDER BY created_ms, id"};
constexpr PgStatement kLatestClosedSession{"latest_closed_session",
                                           "SELECT " LIVEDESK_PG_SESSION_COLUMNS
                                           " FROM chat_sessions "
                                           "WHERE customer_id = $1 AND status = 'closed' AND agent_id IS NOT NULL "
                                           "ORDER BY closed_ms DESC, id DESC LIMIT 1"};
// Served by chat_sessions_by_customer (customer_id, created_ms).
constexpr PgStatement kOpenSessionsOfCustomer{
    "open_sessions_of_customer", "SELECT " LIVEDESK_PG_SESSION_COLUMNS
                                 " FROM chat_sessions "
                                 "WHERE customer_id = $1 AND status IN ('waiting', 'active') ORDER BY created_ms, id"};

constexpr PgStatement kStatements[] = {kInsertSession,       kUpdateSession,         kFindSession, kSessionsByStatus,
                                       kLatestClosedSession, kOpenSessionsOfCustomer};

}  // namespace

std::span<const PgStatement> PgSessionStore::statements() { return kStatements; }

std::int64_t PgSessionStore::insert(const ChatSession& s) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertSession, s.customer_id, s.agent_id, s.status, s.priority, s.subject, s.created_ms,
                         s.assigned_ms, s.first_response_ms, s.closed_ms, s.close_reason, s.next_seq)[0][0]);
  });
}

void PgSessionStore::update(const ChatSession& s) {
  db_.write_unguarded([&](pqxx::transaction_base& tx) {
    const auto result = exec(tx, kUpdateSession, s.id, s.agent_id, s.status, s.priority, s.assigned_ms,
                             s.first_response_ms, s.closed_ms, s.close_reason, s.next_seq);
    if (result.affected_rows() == 0) throw StoreError("no chat session " + std::to_string(s.id) + " to update");
  });
}

std::optional<ChatSession> PgSessionStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<ChatSession>(exec(tx, kFindSession, id)); });
}

std::vector<ChatSession> PgSessionStore::list_by_status(std::string_view status) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_all<ChatSession>(exec(tx, kSessionsByStatus, status)); });
}

std::optional<ChatSession> PgSessionStore::latest_closed_of_customer(std::int64_t customer_id) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_first<ChatSession>(exec(tx, kLatestClosedSession, customer_id));
  });
}

std::vector<ChatSession> PgSessionStore::open_of_customer(std::int64_t customer_id) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<ChatSession>(exec(tx, kOpenSessionsOfCustomer, customer_id));
  });
}

}  // namespace livedesk::store::postgres
