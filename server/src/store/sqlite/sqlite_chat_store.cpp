#include "store/sqlite/sqlite_chat_store.hpp"

#include <string>

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectCustomer = "SELECT id, name, email, created_ms FROM customers ";

Customer read_customer(const Statement& row) {
  Customer customer;
  customer.id = row.column_int64(0);
  customer.name = row.column_text(1);
  customer.email = row.column_text(2);
  customer.created_ms = row.column_int64(3);
  return customer;
}

constexpr const char* kSelectSession =
    "SELECT id, customer_id, agent_id, status, priority, subject, created_ms, assigned_ms, first_response_ms, "
    "closed_ms, close_reason, next_seq FROM chat_sessions ";

ChatSession read_session(const Statement& row) {
  ChatSession session;
  session.id = row.column_int64(0);
  session.customer_id = row.column_int64(1);
  session.agent_id = row.column_optional_int64(2);
  session.status = row.column_text(3);
  session.priority = row.column_int(4);
  session.subject = row.column_text(5);
  session.created_ms = row.column_int64(6);
  session.assigned_ms = row.column_optional_int64(7);
  session.first_response_ms = row.column_optional_int64(8);
  session.closed_ms = row.column_optional_int64(9);
  session.close_reason = row.column_optional_text(10);
  session.next_seq = row.column_int64(11);
  return session;
}

}  // namespace

Customer SqliteChatStore::upsert_customer(std::string_view name, std::string_view email_lowercase,
                                          std::int64_t now_ms) {
  {
    // The conflict target is the UNIQUE(email) column, so a known email keeps its id and created_ms.
    auto upsert = statements().use(
        "INSERT INTO customers(email, name, created_ms) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(email) DO UPDATE SET name = excluded.name");
    upsert->bind(1, email_lowercase);
    upsert->bind(2, name);
    upsert->bind(3, now_ms);
    upsert->run();
  }
  auto query = statements().use(std::string(kSelectCustomer) + "WHERE email = ?1");
  query->bind(1, email_lowercase);
  if (!query->step()) throw StoreError("customer vanished right after upsert: " + std::string(email_lowercase));
  return read_customer(*query);
}

std::optional<Customer> SqliteChatStore::find_customer(std::int64_t id) {
  auto query = statements().use(std::string(kSelectCustomer) + "WHERE id = ?1");
  query->bind(1, id);
  if (!query->step()) return std::nullopt;
  return read_customer(*query);
}

std::int64_t SqliteChatStore::insert_session(const ChatSession& session) {
  auto insert = statements().use(
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
  return sqlite3_last_insert_rowid(connection());
}

void SqliteChatStore::update_session(const ChatSession& session) {
  auto update = statements().use(
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
  if (sqlite3_changes(connection()) == 0) {
    throw StoreError("no chat session " + std::to_string(session.id) + " to update");
  }
}

std::optional<ChatSession> SqliteChatStore::find_session(std::int64_t id) {
  auto query = statements().use(std::string(kSelectSession) + "WHERE id = ?1");
  query->bind(1, id);
  if (!query->step()) return std::nullopt;
  return read_session(*query);
}

std::vector<ChatSession> SqliteChatStore::list_sessions_by_status(std::string_view status) {
  // chat_sessions_by_status_created (status, created_ms, rowid) yields this order without sorting.
  auto query = statements().use(std::string(kSelectSession) + "WHERE status = ?1 ORDER BY created_ms, id");
  query->bind(1, status);
  std::vector<ChatSession> sessions;
  while (query->step()) sessions.push_back(read_session(*query));
  return sessions;
}

std::vector<ChatSession> SqliteChatStore::sessions_touched_since(std::int64_t since_ms) {
  auto query = statements().use(std::string(kSelectSession) +
                                "WHERE created_ms >= ?1 OR closed_ms >= ?1 OR assigned_ms >= ?1 OR first_response_ms >= ?1 "
                                "ORDER BY id");
  query->bind(1, since_ms);
  std::vector<ChatSession> sessions;
  while (query->step()) sessions.push_back(read_session(*query));
  return sessions;
}

std::optional<ChatSession> SqliteChatStore::latest_closed_session_of_customer(std::int64_t customer_id) {
  auto query = statements().use(std::string(kSelectSession) +
                                "WHERE customer_id = ?1 AND status = 'closed' AND agent_id IS NOT NULL "
                                "ORDER BY closed_ms DESC, id DESC LIMIT 1");
  query->bind(1, customer_id);
  if (!query->step()) return std::nullopt;
  return read_session(*query);
}

void SqliteChatStore::insert_rating(const CsatRating& rating) {
  auto insert =
      statements().use("INSERT INTO csat_ratings(session_id, rating, comment, created_ms) VALUES (?1, ?2, ?3, ?4)");
  insert->bind(1, rating.session_id);
  insert->bind(2, rating.rating);
  insert->bind(3, rating.comment);
  insert->bind(4, rating.created_ms);
  insert->run();
}

std::optional<CsatRating> SqliteChatStore::find_rating(std::int64_t session_id) {
  auto query =
      statements().use("SELECT session_id, rating, comment, created_ms FROM csat_ratings WHERE session_id = ?1");
  query->bind(1, session_id);
  if (!query->step()) return std::nullopt;
  CsatRating rating;
  rating.session_id = query->column_int64(0);
  rating.rating = query->column_int(1);
  rating.comment = query->column_text(2);
  rating.created_ms = query->column_int64(3);
  return rating;
}

bool SqliteChatStore::is_email_blocked(std::string_view email_lowercase) {
  // Served by the partial index customer_blocks_one_active_per_email.
  auto query = statements().use("SELECT 1 FROM customer_blocks WHERE email = ?1 AND lifted_ms IS NULL LIMIT 1");
  query->bind(1, email_lowercase);
  return query->step();
}

void SqliteChatStore::update_staff_presence(std::int64_t user_id, std::string_view status,
                                            std::int64_t last_active_ms) {
  auto update = statements().use("UPDATE staff_users SET status = ?2, last_active_ms = ?3 WHERE id = ?1");
  update->bind(1, user_id);
  update->bind(2, status);
  update->bind(3, last_active_ms);
  update->run();
  if (sqlite3_changes(connection()) == 0) {
    throw StoreError("no staff user " + std::to_string(user_id) + " to update presence of");
  }
}

}  // namespace livedesk::store::sqlite
