#pragma once
// The SQL both backends share for conversation lists and searches: the columns of a ConversationRow and the
// WHERE conditions of a ConversationFilter. Text is built from which filters are set and how many values a list
// holds, never from the values: each value gets a numbered placeholder (?N for SQLite, $N for PostgreSQL) and
// waits in values() to be bound in order. Plain structure, no I/O; one builder per statement.
#include <algorithm>
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "store/conversation_store.hpp"

namespace livedesk::store {

// A session's tag as tags_query() reads it.
struct SessionTagRow {
  std::int64_t session_id = 0;
  std::int64_t id = 0;
  std::string name;
  std::string color;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> archived_ms;
};
BOOST_DESCRIBE_STRUCT(SessionTagRow, (), (session_id, id, name, color, created_ms, archived_ms))

// Builds one statement's placeholders and filter conditions; see the file comment.
class ConversationSql {
 public:
  enum class Dialect { sqlite, postgres };
  using Value = std::variant<std::int64_t, std::string>;

  // The select list of a ConversationRow over chat_sessions s, customers c, staff_users a, dispositions d and
  // csat_ratings r, as from_clause() joins them.
  static const char* row_columns();
  static const char* from_clause();
  // Only what conditions() names: chat_sessions s and csat_ratings r, for a query that wants ids.
  static const char* filter_from();

  explicit ConversationSql(Dialect dialect) : dialect_(dialect) {}

  // Appends `value` to the values and returns its placeholder.
  std::string bind(Value value);
  // " AND ..." for every filter that is set (over s and r as from_clause() names them).
  std::string conditions(const ConversationFilter& filter);
  // "(?1, ?2, ...)" for a list of ids.
  std::string id_list(const std::vector<std::int64_t>& ids);
  // The same set as one value, for `x IN <id_set>`: the text does not depend on how many ids there are, so a
  // long list (a ranking window, a batch) does not prepare a new statement for every length.
  std::string id_set(const std::vector<std::int64_t>& ids);
  // The rows of `ids` (find_many) and their tags (tags_of).
  std::string rows_query(const std::vector<std::int64_t>& ids);
  std::string tags_query(const std::vector<std::int64_t>& ids);

  // How many rows a search first walks newest first, checking each against the filter, before it looks for
  // the remaining matches another way (each backend's newest_matches()): enough that a common word fills a
  // page at once, few enough that the walk stays a few milliseconds when the filter lets almost nothing through.
  static int walk_size(int count) { return std::max(walk_floor, 4 * count); }
  // The least walk; the contract tests lower it to reach the second way with a few conversations.
  static inline int walk_floor = 4000;
  // True when `filter` sets nothing.
  static bool unfiltered(const ConversationFilter& filter);
  // The page of ranked matches after `after`: `scored` sorted by score descending then id descending, at most
  // `limit`.
  static std::vector<RankedMatch> ranked_page(std::vector<RankedMatch> scored, std::optional<RankedMatch> after,
                                              int limit);

  // Puts `rows` in the order of `ids`.
  static void keep_order(std::vector<ConversationRow>& rows, const std::vector<std::int64_t>& ids);
  static std::vector<std::pair<std::int64_t, Tag>> tag_pairs(std::vector<SessionTagRow> rows);
  // Names of the snippet columns, in the order a hit is looked for (messages, notes, subject, customer).
  static constexpr const char* kSnippetColumns[] = {"messages", "notes", "subject", "customer"};
  // The snippet of `pieces` (one per kSnippetColumns, each a backend's snippet of that column): the first with
  // a hit. None has one only when the backend split a word differently from its index: the messages stand in.
  static SearchSnippet pick_snippet(std::int64_t id, std::vector<std::string> pieces);

  const std::vector<Value>& values() const { return values_; }

 private:
  template <class T>
  std::string list_of(const std::vector<T>& items);

  Dialect dialect_;
  std::vector<Value> values_;
};

}  // namespace livedesk::store
