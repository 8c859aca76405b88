#include "store/sqlite/sqlite_conversation_store.hpp"

#include <algorithm>

#include "store/conversation_sql.hpp"
#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

using Sql = ConversationSql;

void bind_all(Statement& statement, const Sql& sql) {
  int index = 0;
  for (const auto& value : sql.values()) {
    ++index;
    std::visit([&](const auto& v) { statement.bind(index, v); }, value);
  }
}

std::vector<std::int64_t> read_ids(Statement& statement) {
  std::vector<std::int64_t> ids;
  while (statement.step()) ids.push_back(statement.column_int64(0));
  return ids;
}

// What index() stores: the markers of a snippet never occur in it (char(57344) is U+E000).
#define LIVEDESK_STRIP(x) "replace(replace(" x ", char(57344), ''), char(57345), '')"

// Columns of conversation_search in the order of ConversationSql::kSnippetColumns.
constexpr int kSnippetColumns[] = {2, 3, 1, 0};
// Weights of customer, subject, messages, notes for bm25: a hit in the subject or the name counts more.
constexpr const char* kRank = "CAST(-bm25(conversation_search, 4.0, 3.0, 1.0, 1.0) * 1000000 AS INTEGER)";

// The newest `walk` matches of `query` below `below` (rowid as id, then `columns`), as a subquery.
std::string newest_matches_text(Sql& sql, const domain::SearchQuery& query, const std::string& columns,
                                std::optional<std::int64_t> below, int walk) {
  std::string text = "SELECT rowid AS id" + columns + " FROM conversation_search WHERE conversation_search MATCH " +
                     sql.bind(query.fts5());
  if (below) text += " AND rowid < " + sql.bind(*below);
  return text + " ORDER BY rowid DESC LIMIT " + sql.bind(std::int64_t(walk));
}

// " AND ..." keeping a MATCH to `ids`: one walk of the matches between their lowest and highest id, the list a
// filter on it (the unary +). `rowid IN (...)` alone would run the query once per id, each time expanding a
// prefix's words again (40 ms for "refun*" snippets on 100,000 chats).
std::string among(Sql& sql, const std::vector<std::int64_t>& ids) {
  const auto [low, high] = std::minmax_element(ids.begin(), ids.end());
  return " AND rowid BETWEEN " + sql.bind(*low) + " AND " + sql.bind(*high) + " AND +rowid IN " + sql.id_set(ids);
}

}  // namespace

std::vector<ConversationRow> SqliteConversationStore::list(const ConversationFilter& filter,
                                                           std::optional<std::int64_t> before_id, int limit) {
  // The page's ids first, then their rows: a plan that sorts would otherwise compute every matching row's
  // message count before keeping a page of them.
  Sql sql(Sql::Dialect::sqlite);
  std::string text = std::string("SELECT s.id") + Sql::filter_from() + "WHERE 1";
  if (before_id) text += " AND s.id < " + sql.bind(*before_id);
  text += sql.conditions(filter);
  text += " ORDER BY s.id DESC LIMIT " + sql.bind(std::int64_t(limit));
  std::vector<std::int64_t> ids;
  {
    auto query = statements_.use(text);
    bind_all(*query, sql);
    ids = read_ids(*query);
  }
  return find_many(ids);
}

std::optional<ConversationRow> SqliteConversationStore::find(std::int64_t id) {
  auto rows = find_many({id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<ConversationRow> SqliteConversationStore::find_many(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  Sql sql(Sql::Dialect::sqlite);
  auto query = statements_.use(sql.rows_query(ids));
  bind_all(*query, sql);
  auto rows = read_all<ConversationRow>(*query);
  Sql::keep_order(rows, ids);
  return rows;
}

std::vector<std::pair<std::int64_t, Tag>> SqliteConversationStore::tags_of(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  Sql sql(Sql::Dialect::sqlite);
  auto query = statements_.use(sql.tags_query(ids));
  bind_all(*query, sql);
  return Sql::tag_pairs(read_all<SessionTagRow>(*query));
}

std::vector<std::int64_t> SqliteConversationStore::search_newest(const domain::SearchQuery& query,
                                                                 const ConversationFilter& filter,
                                                                 std::optional<std::int64_t> before_id, int limit) {
  std::vector<std::int64_t> ids;
  for (const auto& match : newest_matches(query, filter, before_id, limit, false)) ids.push_back(match.id);
  return ids;
}

std::vector<RankedMatch> SqliteConversationStore::search_ranked(const domain::SearchQuery& query,
                                                                const ConversationFilter& filter, std::int64_t max_id,
                                                                std::optional<RankedMatch> after, int window,
                                                                int limit) {
  // Only the newest `window` matches are ranked: bm25 over every match of a common word would cost a scan. They
  // are scored as they are found, in the same walks.
  return Sql::ranked_page(newest_matches(query, filter, max_id + 1, window, true), after, limit);
}

std::vector<RankedMatch> SqliteConversationStore::newest_matches(const domain::SearchQuery& query,
                                                                 const ConversationFilter& filter,
                                                                 std::optional<std::int64_t> below, int count,
                                                                 bool scored) {
  // First the newest matches, a bounded number of them, each checked against the filter (FTS5 drives: most
  // searches end here). What a filter lets through too rarely for that is found from the filter's side,
  // batch by batch below where the walk stopped: its ids, then which of them match.
  const int walk = Sql::unfiltered(filter) ? count : Sql::walk_size(count);
  const std::string score = scored ? kRank : "0";
  Sql sql(Sql::Dialect::sqlite);
  const std::string walked = newest_matches_text(sql, query, ", " + score + " AS score", below, walk);
  std::string text = "SELECT s.id, w.score FROM (" + walked +
                     ") w CROSS JOIN chat_sessions s ON s.id = w.id LEFT JOIN csat_ratings r ON r.session_id = s.id "
                     "WHERE 1" +
                     sql.conditions(filter) + " ORDER BY s.id DESC LIMIT " + sql.bind(std::int64_t(count));
  std::vector<RankedMatch> ids;
  {
    auto statement = statements_.use(text);
    bind_all(*statement, sql);
    while (statement->step()) ids.push_back({statement->column_int64(0), statement->column_int64(1)});
  }
  if (int(ids.size()) >= count || walk == count) return ids;

  // Where the walk stopped; it read every match when it read fewer than `walk`.
  std::int64_t boundary = 0;
  {
    Sql edge(Sql::Dialect::sqlite);
    const std::string last =
        "SELECT count(*), min(id) FROM (" + newest_matches_text(edge, query, "", below, walk) + ")";
    auto statement = statements_.use(last);
    bind_all(*statement, edge);
    if (!statement->step() || statement->column_int64(0) < walk) return ids;
    boundary = statement->column_int64(1);
  }

  constexpr int kBatch = 2000;
  while (int(ids.size()) < count) {
    Sql side(Sql::Dialect::sqlite);
    const std::string candidates = std::string("SELECT s.id") + Sql::filter_from() + "WHERE s.id < " +
                                   side.bind(boundary) + side.conditions(filter) + " ORDER BY s.id DESC LIMIT " +
                                   side.bind(std::int64_t(kBatch));
    std::vector<std::int64_t> batch;
    {
      auto statement = statements_.use(candidates);
      bind_all(*statement, side);
      batch = read_ids(*statement);
    }
    if (batch.empty()) break;
    Sql check(Sql::Dialect::sqlite);
    const std::string matching = "SELECT rowid, " + score +
                                 " FROM conversation_search WHERE conversation_search MATCH " +
                                 check.bind(query.fts5()) + among(check, batch) + " ORDER BY rowid DESC";
    {
      auto statement = statements_.use(matching);
      bind_all(*statement, check);
      while (int(ids.size()) < count && statement->step())
        ids.push_back({statement->column_int64(0), statement->column_int64(1)});
    }
    if (int(batch.size()) < kBatch) break;
    boundary = batch.back();
  }
  return ids;
}

std::vector<SearchSnippet> SqliteConversationStore::snippets(const domain::SearchQuery& query,
                                                             const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  Sql sql(Sql::Dialect::sqlite);
  const std::string match = sql.bind(query.fts5());
  const std::string start = sql.bind(std::string(kHitStart));
  const std::string end = sql.bind(std::string(kHitEnd));
  const std::string ellipsis = sql.bind(std::string("\xE2\x80\xA6"));  // U+2026
  std::string text = "SELECT rowid";
  for (int column : kSnippetColumns)
    text += ", snippet(conversation_search, " + std::to_string(column) + ", " + start + ", " + end + ", " + ellipsis +
            ", 24)";
  text += " FROM conversation_search WHERE conversation_search MATCH " + match + among(sql, ids);
  auto statement = statements_.use(text);
  bind_all(*statement, sql);
  std::vector<SearchSnippet> out;
  while (statement->step()) {
    std::vector<std::string> pieces;
    for (int i = 1; i <= int(std::size(kSnippetColumns)); ++i) pieces.push_back(statement->column_text(i));
    out.push_back(Sql::pick_snippet(statement->column_int64(0), std::move(pieces)));
  }
  return out;
}

void SqliteConversationStore::index(std::int64_t session_id) {
  auto remove = statements_.use("DELETE FROM conversation_search WHERE rowid = ?1");
  remove->bind(1, session_id);
  remove->run();
  // System messages (joined, closed, ...) are the same in every chat: only what people wrote is searched.
  auto insert = statements_.use(
      "INSERT INTO conversation_search(rowid, customer, subject, messages, notes) "
      "SELECT s.id, " LIVEDESK_STRIP("c.name || ' ' || coalesce(c.email, '')") ", " LIVEDESK_STRIP("s.subject") ", "
      LIVEDESK_STRIP("coalesce((SELECT group_concat(t, char(10)) FROM (SELECT CASE WHEN m.attachment_name IS NULL "
                     "THEN m.body ELSE m.body || ' ' || m.attachment_name END AS t FROM messages m "
                     "WHERE m.session_id = s.id AND m.sender_type <> 'system' ORDER BY m.seq)), '')") ", "
      LIVEDESK_STRIP("coalesce((SELECT group_concat(body, char(10)) FROM (SELECT n.body FROM notes n "
                     "WHERE n.session_id = s.id AND n.deleted_ms IS NULL ORDER BY n.id)), '')")
      " FROM chat_sessions s JOIN customers c ON c.id = s.customer_id WHERE s.id = ?1 AND s.erased_ms IS NULL");
  insert->bind(1, session_id);
  insert->run();
}

void SqliteConversationStore::clear_index() {
  auto clear = statements_.use("DELETE FROM conversation_search");
  clear->run();
}

std::vector<std::int64_t> SqliteConversationStore::ids_after(std::int64_t after_id, int limit) {
  auto query = statements_.use("SELECT id FROM chat_sessions WHERE id > ?1 ORDER BY id LIMIT ?2");
  query->bind(1, after_id);
  query->bind(2, limit);
  return read_ids(*query);
}

std::vector<std::int64_t> SqliteConversationStore::ids_of_customer(std::int64_t customer_id) {
  auto query = statements_.use("SELECT id FROM chat_sessions WHERE customer_id = ?1 ORDER BY id");
  query->bind(1, customer_id);
  return read_ids(*query);
}

void SqliteConversationStore::mark_dirty(const std::vector<std::int64_t>& session_ids, std::int64_t since_ms) {
  auto insert = statements_.use(
      "INSERT INTO search_dirty(session_id, since_ms) VALUES (?1, ?2) ON CONFLICT(session_id) DO NOTHING");
  for (auto id : session_ids) {
    insert->bind(1, id);
    insert->bind(2, since_ms);
    insert->run();
    insert->reset();
  }
}

std::vector<std::int64_t> SqliteConversationStore::due(std::int64_t since_or_before_ms, int limit) {
  auto query = statements_.use(
      "SELECT d.session_id FROM search_dirty d LEFT JOIN chat_sessions s ON s.id = d.session_id "
      "WHERE d.since_ms <= ?1 OR s.id IS NULL OR s.status = 'closed' OR s.erased_ms IS NOT NULL "
      "ORDER BY d.since_ms, d.session_id LIMIT ?2");
  query->bind(1, since_or_before_ms);
  query->bind(2, limit);
  return read_ids(*query);
}

void SqliteConversationStore::clear_dirty(const std::vector<std::int64_t>& session_ids) {
  auto remove = statements_.use("DELETE FROM search_dirty WHERE session_id = ?1");
  for (auto id : session_ids) {
    remove->bind(1, id);
    remove->run();
    remove->reset();
  }
}

#undef LIVEDESK_STRIP

}  // namespace livedesk::store::sqlite
