#include "store/postgres/pg_metrics_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

constexpr PgStatement kSessionsTouchedSince{
    "sessions_touched_since",
    "SELECT " LIVEDESK_PG_SESSION_COLUMNS
    " FROM chat_sessions "
    "WHERE created_ms >= $1 OR closed_ms >= $1 OR assigned_ms >= $1 OR first_response_ms >= $1 ORDER BY id"};
constexpr PgStatement kRatingsSince{
    "ratings_since",
    "SELECT r.session_id AS session_id, r.rating AS rating, r.created_ms AS created_ms, s.agent_id AS agent_id "
    "FROM csat_ratings r JOIN chat_sessions s ON s.id = r.session_id WHERE r.created_ms >= $1 ORDER BY r.id"};
// Integer division truncates, as in SQLite.
constexpr PgStatement kMessageCountsSince{
    "message_counts_since",
    "SELECT created_ms / 3600000 AS utc_hour, type, status, count(*) AS count FROM messages "
    "WHERE created_ms >= $1 GROUP BY 1, 2, 3"};
constexpr PgStatement kStatusesBelow{
    "statuses_below",
    "SELECT status, count(*) AS count FROM messages "
    "WHERE session_id = $1 AND sender_type = $2 AND seq <= $3 AND created_ms >= $5 "
    "AND (status = 'sent' OR (status = 'delivered' AND $4::text = 'read')) GROUP BY status"};

constexpr PgStatement kStatements[] = {kSessionsTouchedSince, kRatingsSince, kMessageCountsSince, kStatusesBelow};

}  // namespace

std::span<const PgStatement> PgMetricsStore::statements() { return kStatements; }

std::vector<ChatSession> PgMetricsStore::sessions_touched_since(std::int64_t since_ms) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_all<ChatSession>(exec(tx, kSessionsTouchedSince, since_ms)); });
}

std::vector<RatingRow> PgMetricsStore::ratings_since(std::int64_t since_ms) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_all<RatingRow>(exec(tx, kRatingsSince, since_ms)); });
}

std::vector<MessageCount> PgMetricsStore::message_counts_since(std::int64_t since_ms) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_all<MessageCount>(exec(tx, kMessageCountsSince, since_ms)); });
}

std::vector<StatusCount> PgMetricsStore::statuses_below(std::int64_t session_id, std::string_view sender_type,
                                                        std::int64_t up_to_seq, std::string_view status,
                                                        std::int64_t since_ms) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<StatusCount>(exec(tx, kStatusesBelow, session_id, sender_type, up_to_seq, status, since_ms));
  });
}

}  // namespace livedesk::store::postgres
