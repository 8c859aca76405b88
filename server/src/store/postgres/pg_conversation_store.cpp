#include "store/postgres/pg_conversation_store.hpp"

#include "store/conversation_sql.hpp"
#include "store/id_array.hpp"
#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

using Sql = ConversationSql;

pqxx::result run(pqxx::transaction_base& tx, const std::string& text, const Sql& sql) {
  std::vector<PgParam> params;
  params.reserve(sql.values().size());
  for (const auto& value : sql.values()) std::visit([&](const auto& v) { params.emplace_back(v); }, value);
  return tx.exec_params(text, pqxx::prepare::make_dynamic_params(params));
}

std::vector<std::int64_t> ids_of(const pqxx::result& result) {
  std::vector<std::int64_t> ids;
  ids.reserve(result.size());
  for (const auto& row : result) ids.push_back(as_int64(row[0]));
  return ids;
}

// The query as a tsquery, made once per request and then passed as a value: lowered with ICU's root locale, so
// the fold is Unicode's whatever the database's locale (which may be C), as the indexed text is; livedesk_search
// then drops accents (migration 9). As a constant the planner can weigh it by the index's statistics; as
// to_tsquery(...) in each statement (a stable function) it could only guess.
std::string tsquery_text(pqxx::transaction_base& tx, const domain::SearchQuery& query) {
  Sql sql(Sql::Dialect::postgres);
  const std::string text =
      "SELECT to_tsquery('livedesk_search', lower(" + sql.bind(query.tsquery()) + " COLLATE \"und-x-icu\"))::text";
  return as_text(run(tx, text, sql)[0][0]);
}

std::string tsquery(Sql& sql, const std::string& text) { return sql.bind(text) + "::tsquery"; }

// The newest `walk` rows of `table` by `key` below `below`, as a subquery selecting `columns`.
std::string newest_rows(Sql& sql, const std::string& table, const std::string& key, const std::string& columns,
                        std::optional<std::int64_t> below, int walk) {
  std::string text = "SELECT " + columns + " FROM " + table;
  if (below) text += " WHERE " + key + " < " + sql.bind(*below);
  return text + " ORDER BY " + key + " DESC LIMIT " + sql.bind(std::int64_t(walk));
}

// Where that walk stopped: the lowest key it read, or none when it read every row (fewer than `walk`).
std::optional<std::int64_t> walk_stop(pqxx::transaction_base& tx, const std::string& table, const std::string& key,
                                      std::optional<std::int64_t> below, int walk) {
  Sql sql(Sql::Dialect::postgres);
  const auto stop =
      run(tx, "SELECT count(*), min(" + key + ") FROM (" + newest_rows(sql, table, key, key, below, walk) + ") w", sql);
  if (as_int64(stop[0][0]) < walk) return std::nullopt;
  return as_int64(stop[0][1]);
}

// What index() stores and what it makes the document of. The stored text keeps its punctuation (the snippets
// show it); the document gets ASCII punctuation as spaces, so "bob@example.com" or "10.5" are words as SQLite's
// unicode61 makes them, not one email or number token of PostgreSQL's parser. chr(57344) is U+E000.
#define LIVEDESK_STRIP(x) "replace(replace(" x ", chr(57344), ''), chr(57345), '')"
#define LIVEDESK_WORDS(x, weight)                                    \
  "setweight(to_tsvector('livedesk_search', lower(regexp_replace(" x \
  ", '[!-/:-@\\[-`{-~]', ' ', 'g') "                                 \
  "COLLATE \"und-x-icu\")), '" weight "')"

constexpr PgStatement kIndex{
    "conversation_index",
    "INSERT INTO conversation_search(session_id, customer, subject, messages, notes, document) "
    "SELECT x.id, x.customer, x.subject, x.messages, x.notes, "
    LIVEDESK_WORDS("x.customer", "A") " || " LIVEDESK_WORDS("x.subject", "B") " || "
    LIVEDESK_WORDS("x.messages", "C") " || " LIVEDESK_WORDS("x.notes", "D") " FROM ("
    "SELECT s.id, " LIVEDESK_STRIP("c.name || ' ' || coalesce(c.email, '')") " AS customer, "
    LIVEDESK_STRIP("s.subject") " AS subject, "
    // System messages (joined, closed, ...) are the same in every chat: only what people wrote is searched.
    LIVEDESK_STRIP("coalesce((SELECT string_agg(CASE WHEN m.attachment_name IS NULL THEN m.body "
                   "ELSE m.body || ' ' || m.attachment_name END, E'\\n' ORDER BY m.seq) FROM messages m "
                   "WHERE m.session_id = s.id AND m.sender_type <> 'system'), '')") " AS messages, "
    LIVEDESK_STRIP("coalesce((SELECT string_agg(n.body, E'\\n' ORDER BY n.id) FROM notes n "
                   "WHERE n.session_id = s.id AND n.deleted_ms IS NULL), '')") " AS notes "
    "FROM chat_sessions s JOIN customers c ON c.id = s.customer_id WHERE s.id = $1 AND s.erased_ms IS NULL) x "
    "ON CONFLICT (session_id) DO UPDATE SET customer = EXCLUDED.customer, subject = EXCLUDED.subject, "
    "messages = EXCLUDED.messages, notes = EXCLUDED.notes, document = EXCLUDED.document"};
constexpr PgStatement kUnindex{"conversation_unindex",
                               "DELETE FROM conversation_search cs WHERE cs.session_id = $1 AND NOT EXISTS ("
                               "SELECT 1 FROM chat_sessions s WHERE s.id = $1 AND s.erased_ms IS NULL)"};
constexpr PgStatement kClearIndex{"conversation_clear_index", "DELETE FROM conversation_search"};
constexpr PgStatement kIdsAfter{"conversation_ids_after",
                                "SELECT id FROM chat_sessions WHERE id > $1 ORDER BY id LIMIT $2"};
constexpr PgStatement kIdsOfCustomer{"conversation_ids_of_customer",
                                     "SELECT id FROM chat_sessions WHERE customer_id = $1 ORDER BY id"};

constexpr PgStatement kMarkDirty{"conversation_mark_dirty",
                                 "INSERT INTO search_dirty(session_id, since_ms) SELECT unnest($1::bigint[]), $2 "
                                 "ON CONFLICT (session_id) DO NOTHING"};
constexpr PgStatement kDue{"conversation_due",
                           "SELECT d.session_id FROM search_dirty d LEFT JOIN chat_sessions s ON s.id = d.session_id "
                           "WHERE d.since_ms <= $1 OR s.id IS NULL OR s.status = 'closed' OR s.erased_ms IS NOT NULL "
                           "ORDER BY d.since_ms, d.session_id LIMIT $2"};
constexpr PgStatement kClearDirty{"conversation_clear_dirty",
                                  "DELETE FROM search_dirty WHERE session_id = ANY($1::bigint[])"};

#undef LIVEDESK_STRIP
#undef LIVEDESK_WORDS

constexpr PgStatement kStatements[] = {kIndex,         kUnindex,   kClearIndex, kIdsAfter,
                                       kIdsOfCustomer, kMarkDirty, kDue,        kClearDirty};

}  // namespace

std::span<const PgStatement> PgConversationStore::statements() { return kStatements; }

std::vector<ConversationRow> PgConversationStore::list(const ConversationFilter& filter,
                                                       std::optional<std::int64_t> before_id, int limit) {
  // The page's ids first, then their rows (as on SQLite): no plan computes the counts of rows it drops. A filter
  // is first tried on a bounded walk down the newest sessions; what it lets through more rarely is then read
  // by the filter's own index and sorted. Left to itself the planner walks the key for an old date window,
  // taking ids and times for independent: 95,000 rows for one page of a month two years back.
  if (Sql::unfiltered(filter)) {
    Sql sql(Sql::Dialect::postgres);
    std::string text = std::string("SELECT s.id FROM chat_sessions s WHERE true");
    if (before_id) text += " AND s.id < " + sql.bind(*before_id);
    text += " ORDER BY s.id DESC LIMIT " + sql.bind(std::int64_t(limit));
    return find_many(db_.read([&](pqxx::transaction_base& tx) { return ids_of(run(tx, text, sql)); }));
  }
  const int walk = Sql::walk_size(limit);
  return find_many(db_.read([&](pqxx::transaction_base& tx) {
    Sql sql(Sql::Dialect::postgres);
    const std::string text = "SELECT s.id FROM (" + newest_rows(sql, "chat_sessions", "id", "id", before_id, walk) +
                             ") w JOIN chat_sessions s ON s.id = w.id LEFT JOIN csat_ratings r ON r.session_id = "
                             "s.id WHERE true" +
                             sql.conditions(filter) + " ORDER BY s.id DESC LIMIT " + sql.bind(std::int64_t(limit));
    auto ids = ids_of(run(tx, text, sql));
    if (int(ids.size()) >= limit) return ids;
    const auto stop = walk_stop(tx, "chat_sessions", "id", before_id, walk);
    if (!stop) return ids;

    // `s.id + 0`: no index gives that order, so the plan reads the filter's matches by their own index.
    Sql rest(Sql::Dialect::postgres);
    const std::string older = std::string("SELECT s.id") + Sql::filter_from() + "WHERE s.id < " + rest.bind(*stop) +
                              rest.conditions(filter) + " ORDER BY s.id + 0 DESC LIMIT " +
                              rest.bind(std::int64_t(limit - int(ids.size())));
    for (auto id : ids_of(run(tx, older, rest))) ids.push_back(id);
    return ids;
  }));
}

std::optional<ConversationRow> PgConversationStore::find(std::int64_t id) {
  auto rows = find_many({id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<ConversationRow> PgConversationStore::find_many(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  Sql sql(Sql::Dialect::postgres);
  const std::string text = sql.rows_query(ids);
  auto rows = db_.read([&](pqxx::transaction_base& tx) { return read_all<ConversationRow>(run(tx, text, sql)); });
  Sql::keep_order(rows, ids);
  return rows;
}

std::vector<std::pair<std::int64_t, Tag>> PgConversationStore::tags_of(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  Sql sql(Sql::Dialect::postgres);
  const std::string text = sql.tags_query(ids);
  return Sql::tag_pairs(
      db_.read([&](pqxx::transaction_base& tx) { return read_all<SessionTagRow>(run(tx, text, sql)); }));
}

std::vector<std::int64_t> PgConversationStore::search_newest(const domain::SearchQuery& query,
                                                             const ConversationFilter& filter,
                                                             std::optional<std::int64_t> before_id, int limit) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return newest_matches(tx, tsquery_text(tx, query), filter, before_id, limit);
  });
}

std::vector<RankedMatch> PgConversationStore::search_ranked(const domain::SearchQuery& query,
                                                            const ConversationFilter& filter, std::int64_t max_id,
                                                            std::optional<RankedMatch> after, int window, int limit) {
  // Only the newest `window` matches are ranked: ts_rank over every match of a common word would read them all.
  return db_.read([&](pqxx::transaction_base& tx) {
    const std::string q = tsquery_text(tx, query);
    const auto ids = newest_matches(tx, q, filter, max_id + 1, window);
    if (ids.empty()) return std::vector<RankedMatch>{};
    Sql sql(Sql::Dialect::postgres);
    const std::string text = "SELECT cs.session_id, (ts_rank(cs.document, " + tsquery(sql, q) +
                             ") * 1000000)::bigint FROM conversation_search cs WHERE cs.session_id IN " +
                             sql.id_set(ids);
    std::vector<RankedMatch> scored;
    for (const auto& row : run(tx, text, sql)) scored.push_back({as_int64(row[0]), as_int64(row[1])});
    return Sql::ranked_page(std::move(scored), after, limit);
  });
}

std::vector<std::int64_t> PgConversationStore::newest_matches(pqxx::transaction_base& tx, const std::string& query,
                                                              const ConversationFilter& filter,
                                                              std::optional<std::int64_t> below, int count) {
  // First a bounded walk down the newest search rows, each checked for the query and the filter: a common
  // word fills a page within it. The planner is not left to choose this: it estimates a query's matches
  // (`password -reset`, a word and a filter that go together) badly enough to walk 70,000 rows for 1,000.
  const int walk = Sql::walk_size(count);
  Sql sql(Sql::Dialect::postgres);
  const std::string text =
      "SELECT s.id FROM (" +
      newest_rows(sql, "conversation_search", "session_id", "session_id, document", below, walk) +
      ") cs JOIN chat_sessions s ON s.id = cs.session_id LEFT JOIN csat_ratings r ON r.session_id = s.id WHERE "
      "cs.document @@ " +
      tsquery(sql, query) + sql.conditions(filter) + " ORDER BY s.id DESC LIMIT " + sql.bind(std::int64_t(count));
  auto ids = ids_of(run(tx, text, sql));
  if (int(ids.size()) >= count) return ids;
  const auto stop = walk_stop(tx, "conversation_search", "session_id", below, walk);
  if (!stop) return ids;

  // The rest are rarer than one in `walk / count`: the GIN index finds them all and they are sorted. Index
  // and sequential scans are turned off for this statement's transaction so the planner cannot go back to
  // walking the primary key; it still chooses how to join the filter (from a selective filter's side).
  tx.exec("SET LOCAL enable_indexscan = off");
  tx.exec("SET LOCAL enable_seqscan = off");
  Sql rest(Sql::Dialect::postgres);
  const std::string older =
      "SELECT s.id FROM conversation_search cs JOIN chat_sessions s ON s.id = cs.session_id LEFT JOIN "
      "csat_ratings r ON r.session_id = s.id WHERE cs.document @@ " +
      tsquery(rest, query) + " AND cs.session_id < " + rest.bind(*stop) + rest.conditions(filter) +
      " ORDER BY cs.session_id DESC LIMIT " + rest.bind(std::int64_t(count - int(ids.size())));
  for (auto id : ids_of(run(tx, older, rest))) ids.push_back(id);
  tx.exec("SET LOCAL enable_indexscan TO DEFAULT");
  tx.exec("SET LOCAL enable_seqscan TO DEFAULT");
  return ids;
}

std::vector<SearchSnippet> PgConversationStore::snippets(const domain::SearchQuery& query,
                                                         const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  return db_.read([&](pqxx::transaction_base& tx) {
    Sql sql(Sql::Dialect::postgres);
    const std::string q = tsquery(sql, tsquery_text(tx, query));
    const std::string options = sql.bind(std::string("StartSel=") + kHitStart + ", StopSel=" + kHitEnd +
                                         ", MaxWords=24, MinWords=8, ShortWord=1, MaxFragments=1, "
                                         "FragmentDelimiter=\" \xE2\x80\xA6 \"");
    std::string text = "SELECT cs.session_id";
    for (const char* column : Sql::kSnippetColumns)
      text += std::string(", ts_headline('livedesk_search', cs.") + column + ", " + q + ", " + options + ")";
    text += " FROM conversation_search cs WHERE cs.session_id IN " + sql.id_list(ids) + " AND cs.document @@ " + q;
    std::vector<SearchSnippet> out;
    for (const auto& row : run(tx, text, sql)) {
      std::vector<std::string> pieces;
      for (int i = 1; i <= int(std::size(Sql::kSnippetColumns)); ++i) pieces.push_back(as_text(row[i]));
      out.push_back(Sql::pick_snippet(as_int64(row[0]), std::move(pieces)));
    }
    return out;
  });
}

void PgConversationStore::index(std::int64_t session_id) {
  db_.write([&](pqxx::transaction_base& tx) {
    exec(tx, kIndex, session_id);
    exec(tx, kUnindex, session_id);
  });
}

void PgConversationStore::clear_index() {
  db_.write([&](pqxx::transaction_base& tx) { exec(tx, kClearIndex); });
}

std::vector<std::int64_t> PgConversationStore::ids_after(std::int64_t after_id, int limit) {
  return db_.read([&](pqxx::transaction_base& tx) { return ids_of(exec(tx, kIdsAfter, after_id, limit)); });
}

std::vector<std::int64_t> PgConversationStore::ids_of_customer(std::int64_t customer_id) {
  return db_.read([&](pqxx::transaction_base& tx) { return ids_of(exec(tx, kIdsOfCustomer, customer_id)); });
}

void PgConversationStore::mark_dirty(const std::vector<std::int64_t>& session_ids, std::int64_t since_ms) {
  if (session_ids.empty()) return;
  db_.write(
      [&](pqxx::transaction_base& tx) { exec(tx, kMarkDirty, id_array(session_ids, IdArray::postgres), since_ms); });
}

std::vector<std::int64_t> PgConversationStore::due(std::int64_t since_or_before_ms, int limit) {
  return db_.read([&](pqxx::transaction_base& tx) { return ids_of(exec(tx, kDue, since_or_before_ms, limit)); });
}

void PgConversationStore::clear_dirty(const std::vector<std::int64_t>& session_ids) {
  if (session_ids.empty()) return;
  db_.write([&](pqxx::transaction_base& tx) { exec(tx, kClearDirty, id_array(session_ids, IdArray::postgres)); });
}

}  // namespace livedesk::store::postgres
