#pragma once
// The MetricsStore (the dashboard's aggregate reads) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/metrics_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// The dashboard's aggregate reads in PostgreSQL.
class PgMetricsStore final : public MetricsStore {
 public:
  explicit PgMetricsStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::vector<ChatSession> sessions_touched_since(std::int64_t since_ms) override;
  std::vector<RatingRow> ratings_since(std::int64_t since_ms) override;
  std::vector<MessageCount> message_counts_since(std::int64_t since_ms) override;
  std::vector<StatusCount> statuses_below(std::int64_t session_id, std::string_view sender_type,
                                          std::int64_t up_to_seq, std::string_view status,
                                          std::int64_t since_ms) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
