#pragma once
// The MetricsStore (the dashboard's aggregate reads) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/metrics_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// The dashboard's aggregate reads in SQLite.
class SqliteMetricsStore final : public MetricsStore {
 public:
  SqliteMetricsStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::vector<ChatSession> sessions_touched_since(std::int64_t since_ms) override;
  std::vector<RatingRow> ratings_since(std::int64_t since_ms) override;
  std::vector<MessageCount> message_counts_since(std::int64_t since_ms) override;
  std::vector<StatusCount> statuses_below(std::int64_t session_id, std::string_view sender_type,
                                          std::int64_t up_to_seq, std::string_view status,
                                          std::int64_t since_ms) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
