// Aggregate reads for the dashboard's metrics: run at start-up to seed the
// running aggregates, and before receipts to keep status counts exact.
#include "store/sqlite/sqlite_chat_store.hpp"

namespace livedesk::store::sqlite {

std::vector<RatingRow> SqliteChatStore::ratings_since(std::int64_t since_ms) {
  auto query = statements().use(
      "SELECT r.session_id, r.rating, r.created_ms, s.agent_id FROM csat_ratings r "
      "JOIN chat_sessions s ON s.id = r.session_id WHERE r.created_ms >= ?1 ORDER BY r.id");
  query->bind(1, since_ms);
  std::vector<RatingRow> rows;
  while (query->step())
    rows.push_back({query->column_int64(0), query->column_int(1), query->column_int64(2), query->column_optional_int64(3)});
  return rows;
}

std::vector<MessageCount> SqliteChatStore::message_counts_since(std::int64_t since_ms) {
  auto query = statements().use(
      "SELECT created_ms / 3600000, type, status, count(*) FROM messages WHERE created_ms >= ?1 GROUP BY 1, 2, 3");
  query->bind(1, since_ms);
  std::vector<MessageCount> rows;
  while (query->step())
    rows.push_back({query->column_int64(0), query->column_text(1), query->column_text(2), query->column_int64(3)});
  return rows;
}

std::vector<std::pair<std::string, std::int64_t>> SqliteChatStore::statuses_below(std::int64_t session_id,
                                                                                  std::string_view sender_type,
                                                                                  std::int64_t up_to_seq,
                                                                                  std::string_view status,
                                                                                  std::int64_t since_ms) {
  auto query = statements().use(
      "SELECT status, count(*) FROM messages "
      "WHERE session_id = ?1 AND sender_type = ?2 AND seq <= ?3 AND created_ms >= ?5 "
      "AND (status = 'sent' OR (status = 'delivered' AND ?4 = 'read')) GROUP BY status");
  query->bind(1, session_id);
  query->bind(2, sender_type);
  query->bind(3, up_to_seq);
  query->bind(4, status);
  query->bind(5, since_ms);
  std::vector<std::pair<std::string, std::int64_t>> rows;
  while (query->step()) rows.emplace_back(query->column_text(0), query->column_int64(1));
  return rows;
}

}  // namespace livedesk::store::sqlite
