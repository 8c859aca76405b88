#include "store/conversation_sql.hpp"

#include <algorithm>
#include <type_traits>
#include <unordered_map>

#include "store/id_array.hpp"

namespace livedesk::store {

const char* ConversationSql::row_columns() {
  // The message count and the last message come from the (session_id, seq) index, one range per row.
  return "s.id AS id, s.status AS status, s.customer_id AS customer_id, c.name AS customer_name, "
         "coalesce(c.email, '') AS customer_email, s.agent_id AS agent_id, coalesce(a.name, '') AS agent_name, "
         "s.subject AS subject, s.created_ms AS created_ms, s.assigned_ms AS assigned_ms, "
         "s.closed_ms AS closed_ms, s.close_reason AS close_reason, s.disposition_id AS disposition_id, "
         "coalesce(d.name, '') AS disposition_name, r.rating AS rating, "
         "(SELECT count(*) FROM messages m WHERE m.session_id = s.id) AS message_count, "
         "(SELECT m.created_ms FROM messages m WHERE m.session_id = s.id ORDER BY m.seq DESC LIMIT 1) "
         "AS last_message_ms, s.erased_ms AS erased_ms";
}

const char* ConversationSql::from_clause() {
  return " FROM chat_sessions s JOIN customers c ON c.id = s.customer_id "
         "LEFT JOIN staff_users a ON a.id = s.agent_id LEFT JOIN dispositions d ON d.id = s.disposition_id "
         "LEFT JOIN csat_ratings r ON r.session_id = s.id ";
}

const char* ConversationSql::filter_from() {
  return " FROM chat_sessions s LEFT JOIN csat_ratings r ON r.session_id = s.id ";
}

std::string ConversationSql::bind(Value value) {
  values_.push_back(std::move(value));
  return (dialect_ == Dialect::sqlite ? "?" : "$") + std::to_string(values_.size());
}

template <class T>
std::string ConversationSql::list_of(const std::vector<T>& items) {
  std::string out = "(";
  for (const auto& item : items) {
    if (out.size() > 1) out += ", ";
    if constexpr (std::is_same_v<T, std::string>)
      out += bind(item);
    else
      out += bind(std::int64_t(item));
  }
  return out + ")";
}

std::string ConversationSql::id_list(const std::vector<std::int64_t>& ids) { return list_of(ids); }

std::string ConversationSql::id_set(const std::vector<std::int64_t>& ids) {
  if (dialect_ == Dialect::sqlite) return "(SELECT value FROM json_each(" + bind(id_array(ids, IdArray::json)) + "))";
  return "(SELECT unnest(" + bind(id_array(ids, IdArray::postgres)) + "::bigint[]))";
}

std::string ConversationSql::rows_query(const std::vector<std::int64_t>& ids) {
  return std::string("SELECT ") + row_columns() + from_clause() + "WHERE s.id IN " + id_list(ids);
}

std::string ConversationSql::tags_query(const std::vector<std::int64_t>& ids) {
  return "SELECT st.session_id AS session_id, t.id AS id, t.name AS name, t.color AS color, "
         "t.created_ms AS created_ms, t.archived_ms AS archived_ms FROM session_tags st JOIN tags t ON t.id = "
         "st.tag_id "
         "WHERE st.session_id IN " +
         id_list(ids) + " ORDER BY st.session_id, t.id";
}

bool ConversationSql::unfiltered(const ConversationFilter& filter) {
  return ConversationSql(Dialect::sqlite).conditions(filter).empty();
}

std::vector<RankedMatch> ConversationSql::ranked_page(std::vector<RankedMatch> scored, std::optional<RankedMatch> after,
                                                      int limit) {
  auto before = [](const RankedMatch& a, const RankedMatch& b) {
    return a.score != b.score ? a.score > b.score : a.id > b.id;
  };
  std::sort(scored.begin(), scored.end(), before);
  auto from = scored.begin();
  if (after) from = std::upper_bound(scored.begin(), scored.end(), *after, before);
  std::vector<RankedMatch> page(from, from + std::min<std::ptrdiff_t>(limit, scored.end() - from));
  return page;
}

void ConversationSql::keep_order(std::vector<ConversationRow>& rows, const std::vector<std::int64_t>& ids) {
  std::unordered_map<std::int64_t, std::size_t> order;
  for (std::size_t i = 0; i < ids.size(); ++i) order.emplace(ids[i], i);
  std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) { return order[a.id] < order[b.id]; });
}

std::vector<std::pair<std::int64_t, Tag>> ConversationSql::tag_pairs(std::vector<SessionTagRow> rows) {
  std::vector<std::pair<std::int64_t, Tag>> out;
  out.reserve(rows.size());
  for (auto& row : rows)
    out.push_back(
        {row.session_id, Tag{row.id, std::move(row.name), std::move(row.color), row.created_ms, row.archived_ms}});
  return out;
}

SearchSnippet ConversationSql::pick_snippet(std::int64_t id, std::vector<std::string> pieces) {
  for (std::size_t i = 0; i < pieces.size() && i < std::size(kSnippetColumns); ++i)
    if (pieces[i].find(kHitStart) != std::string::npos) return {id, kSnippetColumns[i], std::move(pieces[i])};
  return {id, kSnippetColumns[0], pieces.empty() ? std::string() : std::move(pieces[0])};
}

std::string ConversationSql::conditions(const ConversationFilter& f) {
  std::string where;
  // On SQLite a unary + keeps a column's index out of the plan: status, close reason and creation time match
  // large shares of the rows, so walking ids downwards and stopping after a page beats reading all matches by
  // that index and sorting them. (PostgreSQL has no + for text, and its planner weighs this itself.)
  const std::string plus = dialect_ == Dialect::sqlite ? "+" : "";
  if (!f.statuses.empty()) where += " AND " + plus + "s.status IN " + list_of(f.statuses);
  if (f.agent_id) where += " AND s.agent_id = " + bind(*f.agent_id);
  if (f.customer_id) where += " AND s.customer_id = " + bind(*f.customer_id);
  if (!f.tag_ids.empty())
    where += " AND EXISTS (SELECT 1 FROM session_tags st WHERE st.session_id = s.id AND st.tag_id IN " +
             list_of(f.tag_ids) + ")";
  if (f.disposition_id) where += " AND s.disposition_id = " + bind(*f.disposition_id);
  if (f.close_reason) where += " AND " + plus + "s.close_reason = " + bind(*f.close_reason);
  if (!f.ratings.empty()) where += " AND r.rating IN " + list_of(f.ratings);
  if (f.created_from_ms) where += " AND " + plus + "s.created_ms >= " + bind(*f.created_from_ms);
  if (f.created_to_ms) where += " AND " + plus + "s.created_ms < " + bind(*f.created_to_ms);
  return where;
}

}  // namespace livedesk::store
