#pragma once
// The ConversationStore (chat_sessions as history, the conversation_search FTS5 table) on the connection of a
// SQLite Store (sqlite_store.cpp), which owns it and its statement cache; used by the Store's one thread. No
// method opens a transaction: index() is one DELETE and one INSERT, atomic inside the caller's job.
#include <sqlite3.h>

#include "store/conversation_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Conversations and their search in SQLite.
class SqliteConversationStore final : public ConversationStore {
 public:
  SqliteConversationStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::vector<ConversationRow> list(const ConversationFilter& filter, std::optional<std::int64_t> before_id,
                                    int limit) override;
  std::optional<ConversationRow> find(std::int64_t id) override;
  std::vector<ConversationRow> find_many(const std::vector<std::int64_t>& ids) override;
  std::vector<std::pair<std::int64_t, Tag>> tags_of(const std::vector<std::int64_t>& ids) override;
  std::vector<std::int64_t> search_newest(const domain::SearchQuery& query, const ConversationFilter& filter,
                                          std::optional<std::int64_t> before_id, int limit) override;
  std::vector<RankedMatch> search_ranked(const domain::SearchQuery& query, const ConversationFilter& filter,
                                         std::int64_t max_id, std::optional<RankedMatch> after, int window,
                                         int limit) override;
  std::vector<SearchSnippet> snippets(const domain::SearchQuery& query, const std::vector<std::int64_t>& ids) override;
  void index(std::int64_t session_id) override;
  void clear_index() override;
  std::vector<std::int64_t> ids_after(std::int64_t after_id, int limit) override;
  std::vector<std::int64_t> ids_of_customer(std::int64_t customer_id) override;
  void mark_dirty(const std::vector<std::int64_t>& session_ids, std::int64_t since_ms) override;
  std::vector<std::int64_t> due(std::int64_t since_or_before_ms, int limit) override;
  void clear_dirty(const std::vector<std::int64_t>& session_ids) override;

 private:
  // Matches passing `filter` with id < `below`, newest first, at most `count`; with their bm25 score when
  // `scored` (else 0).
  std::vector<RankedMatch> newest_matches(const domain::SearchQuery& query, const ConversationFilter& filter,
                                          std::optional<std::int64_t> below, int count, bool scored);

  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
