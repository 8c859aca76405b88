#include "store/sqlite/sqlite_metrics_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"
#include "store/sqlite/sqlite_session_store.hpp"

namespace livedesk::store::sqlite {

std::vector<ChatSession> SqliteMetricsStore::sessions_touched_since(std::int64_t since_ms) {
  auto query = statements_.use(
      std::string(SqliteSessionStore::kSelect) +
      "WHERE created_ms >= ?1 OR closed_ms >= ?1 OR assigned_ms >= ?1 OR first_response_ms >= ?1 ORDER BY id");
  query->bind(1, since_ms);
  return read_all<ChatSession>(*query);
}

std::vector<RatingRow> SqliteMetricsStore::ratings_since(std::int64_t since_ms) {
  auto query = statements_.use(
      "SELECT r.session_id AS session_id, r.rating AS rating, r.created_ms AS created_ms, s.agent_id AS agent_id "
      "FROM csat_ratings r JOIN chat_sessions s ON s.id = r.session_id WHERE r.created_ms >= ?1 ORDER BY r.id");
  query->bind(1, since_ms);
  return read_all<RatingRow>(*query);
}

std::vector<MessageCount> SqliteMetricsStore::message_counts_since(std::int64_t since_ms) {
  auto query = statements_.use(
      "SELECT created_ms / 3600000 AS utc_hour, type, status, count(*) AS count FROM messages "
      "WHERE created_ms >= ?1 GROUP BY 1, 2, 3");
  query->bind(1, since_ms);
  return read_all<MessageCount>(*query);
}

std::vector<StatusCount> SqliteMetricsStore::statuses_below(std::int64_t session_id, std::string_view sender_type,
                                                            std::int64_t up_to_seq, std::string_view status,
                                                            std::int64_t since_ms) {
  auto query = statements_.use(
      "SELECT status, count(*) AS count FROM messages "
      "WHERE session_id = ?1 AND sender_type = ?2 AND seq <= ?3 AND created_ms >= ?5 "
      "AND (status = 'sent' OR (status = 'delivered' AND ?4 = 'read')) GROUP BY status");
  query->bind(1, session_id);
  query->bind(2, sender_type);
  query->bind(3, up_to_seq);
  query->bind(4, status);
  query->bind(5, since_ms);
  return read_all<StatusCount>(*query);
}

}  // namespace livedesk::store::sqlite
