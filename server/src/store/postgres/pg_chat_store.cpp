// Customers, sessions, ratings, the block check and staff presence of
// PgChatStore (see pg_chat_store.hpp).
#include "store/postgres/pg_chat_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

// The conflict target is UNIQUE(email), so a known email keeps its id and created_ms.
constexpr PgStatement kUpsertCustomer{
    "upsert_customer",
    "INSERT INTO customers(email, name, created_ms) VALUES ($1, $2, $3) "
    "ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING " LIVEDESK_PG_CUSTOMER_COLUMNS};
constexpr PgStatement kFindCustomer{"find_customer",
                                    "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS " FROM customers WHERE id = $1"};
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
constexpr PgStatement kSessionsTouchedSince{
    "sessions_touched_since",
    "SELECT " LIVEDESK_PG_SESSION_COLUMNS
    " FROM chat_sessions "
    "WHERE created_ms >= $1 OR closed_ms >= $1 OR assigned_ms >= $1 OR first_response_ms >= $1 ORDER BY id"};
constexpr PgStatement kLatestClosedSession{"latest_closed_session",
                                           "SELECT " LIVEDESK_PG_SESSION_COLUMNS
                                           " FROM chat_sessions "
                                           "WHERE customer_id = $1 AND status = 'closed' AND agent_id IS NOT NULL "
                                           "ORDER BY closed_ms DESC, id DESC LIMIT 1"};
constexpr PgStatement kInsertRating{
    "insert_rating", "INSERT INTO csat_ratings(session_id, rating, comment, created_ms) VALUES ($1, $2, $3, $4)"};
constexpr PgStatement kFindRating{
    "find_rating", "SELECT session_id, rating, comment, created_ms FROM csat_ratings WHERE session_id = $1"};
// Served by the partial index customer_blocks_one_active_per_email.
constexpr PgStatement kEmailBlocked{"email_blocked",
                                    "SELECT 1 FROM customer_blocks WHERE email = $1 AND lifted_ms IS NULL LIMIT 1"};
constexpr PgStatement kUpdatePresence{"update_presence",
                                      "UPDATE staff_users SET status = $2, last_active_ms = $3 WHERE id = $1"};

constexpr PgStatement kStatements[] = {kUpsertCustomer, kFindCustomer,     kInsertSession,        kUpdateSession,
                                       kFindSession,    kSessionsByStatus, kSessionsTouchedSince, kLatestClosedSession,
                                       kInsertRating,   kFindRating,       kEmailBlocked,         kUpdatePresence};

}  // namespace

std::span<const PgStatement> chat_statements() { return kStatements; }

Customer PgChatStore::upsert_customer(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) {
  return db().write([&](pqxx::transaction_base& tx) {
    return read_customer(exec(tx, kUpsertCustomer, email_lowercase, name, now_ms)[0]);
  });
}

std::optional<Customer> PgChatStore::find_customer(std::int64_t id) {
  return db().read(
      [&](pqxx::transaction_base& tx) { return read_first<Customer>(exec(tx, kFindCustomer, id), read_customer); });
}

std::int64_t PgChatStore::insert_session(const ChatSession& s) {
  return db().write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertSession, s.customer_id, s.agent_id, s.status, s.priority, s.subject, s.created_ms,
                         s.assigned_ms, s.first_response_ms, s.closed_ms, s.close_reason, s.next_seq)[0][0]);
  });
}

void PgChatStore::update_session(const ChatSession& s) {
  db().write_unguarded([&](pqxx::transaction_base& tx) {
    const auto result = exec(tx, kUpdateSession, s.id, s.agent_id, s.status, s.priority, s.assigned_ms,
                             s.first_response_ms, s.closed_ms, s.close_reason, s.next_seq);
    if (result.affected_rows() == 0) throw StoreError("no chat session " + std::to_string(s.id) + " to update");
  });
}

std::optional<ChatSession> PgChatStore::find_session(std::int64_t id) {
  return db().read(
      [&](pqxx::transaction_base& tx) { return read_first<ChatSession>(exec(tx, kFindSession, id), read_session); });
}

std::vector<ChatSession> PgChatStore::list_sessions_by_status(std::string_view status) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<ChatSession>(exec(tx, kSessionsByStatus, status), read_session);
  });
}

std::vector<ChatSession> PgChatStore::sessions_touched_since(std::int64_t since_ms) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<ChatSession>(exec(tx, kSessionsTouchedSince, since_ms), read_session);
  });
}

std::optional<ChatSession> PgChatStore::latest_closed_session_of_customer(std::int64_t customer_id) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_first<ChatSession>(exec(tx, kLatestClosedSession, customer_id), read_session);
  });
}

void PgChatStore::insert_rating(const CsatRating& r) {
  db().write(
      [&](pqxx::transaction_base& tx) { exec(tx, kInsertRating, r.session_id, r.rating, r.comment, r.created_ms); });
}

std::optional<CsatRating> PgChatStore::find_rating(std::int64_t session_id) {
  return db().read([&](pqxx::transaction_base& tx) -> std::optional<CsatRating> {
    const auto rows = exec(tx, kFindRating, session_id);
    if (rows.empty()) return std::nullopt;
    return CsatRating{.session_id = as_int64(rows[0][0]),
                      .rating = as_int(rows[0][1]),
                      .comment = as_text(rows[0][2]),
                      .created_ms = as_int64(rows[0][3])};
  });
}

bool PgChatStore::is_email_blocked(std::string_view email_lowercase) {
  return db().read([&](pqxx::transaction_base& tx) { return !exec(tx, kEmailBlocked, email_lowercase).empty(); });
}

void PgChatStore::update_staff_presence(std::int64_t user_id, std::string_view status, std::int64_t last_active_ms) {
  db().write_unguarded([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdatePresence, user_id, status, last_active_ms).affected_rows() == 0) {
      throw StoreError("no staff user " + std::to_string(user_id) + " to update presence of");
    }
  });
}

}  // namespace livedesk::store::postgres
