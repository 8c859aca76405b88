#pragma once
// The ConversationStore (chat_sessions as history, the conversation_search table with its tsvector) on the
// connection of a PostgreSQL Store (pg_store.cpp), which owns it; used by the Store's one thread. Each method runs
// through PgConnection::read / write (see pg_connection.hpp). Lists and searches are planned per call with their
// actual filters (exec_params, not prepared): a generic plan over optional filters would scan.
#include <span>

#include "store/conversation_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Conversations and their search in PostgreSQL.
class PgConversationStore final : public ConversationStore {
 public:
  explicit PgConversationStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

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
  // Ids of matches of `query` (a tsquery's text) passing `filter` with id < `below`, newest first, at most
  // `count`, read in `tx`.
  std::vector<std::int64_t> newest_matches(pqxx::transaction_base& tx, const std::string& query,
                                           const ConversationFilter& filter, std::optional<std::int64_t> below,
                                           int count);

  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
