// Aggregate reads for the dashboard's metrics (see pg_chat_store.hpp): run at
// start-up to seed the running aggregates, and before receipts to keep status
// counts exact.
#include "store/postgres/pg_chat_store.hpp"
#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

constexpr PgStatement kRatingsSince{
    "ratings_since",
    "SELECT r.session_id, r.rating, r.created_ms, s.agent_id FROM csat_ratings r "
    "JOIN chat_sessions s ON s.id = r.session_id WHERE r.created_ms >= $1 ORDER BY r.id"};
// Integer division truncates, as in SQLite.
constexpr PgStatement kMessageCountsSince{
    "message_counts_since",
    "SELECT created_ms / 3600000, type, status, count(*) FROM messages WHERE created_ms >= $1 GROUP BY 1, 2, 3"};
constexpr PgStatement kStatusesBelow{
    "statuses_below",
    "SELECT status, count(*) FROM messages "
    "WHERE session_id = $1 AND sender_type = $2 AND seq <= $3 AND created_ms >= $5 "
    "AND (status = 'sent' OR (status = 'delivered' AND $4::text = 'read')) GROUP BY status"};

constexpr PgStatement kStatements[] = {kRatingsSince, kMessageCountsSince, kStatusesBelow};

}  // namespace

std::span<const PgStatement> metrics_statements() { return kStatements; }

std::vector<RatingRow> PgChatStore::ratings_since(std::int64_t since_ms) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<RatingRow>(exec(tx, kRatingsSince, since_ms), [](const pqxx::row& row) {
      return RatingRow{as_int64(row[0]), as_int(row[1]), as_int64(row[2]), as_optional_int64(row[3])};
    });
  });
}

std::vector<MessageCount> PgChatStore::message_counts_since(std::int64_t since_ms) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<MessageCount>(exec(tx, kMessageCountsSince, since_ms), [](const pqxx::row& row) {
      return MessageCount{as_int64(row[0]), as_text(row[1]), as_text(row[2]), as_int64(row[3])};
    });
  });
}

std::vector<std::pair<std::string, std::int64_t>> PgChatStore::statuses_below(std::int64_t session_id,
                                                                              std::string_view sender_type,
                                                                              std::int64_t up_to_seq,
                                                                              std::string_view status,
                                                                              std::int64_t since_ms) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<std::pair<std::string, std::int64_t>>(
        exec(tx, kStatusesBelow, session_id, sender_type, up_to_seq, status, since_ms),
        [](const pqxx::row& row) { return std::pair(as_text(row[0]), as_int64(row[1])); });
  });
}

}  // namespace livedesk::store::postgres
