#pragma once
// The SQL both backends share for conversation lists and searches: the columns of a ConversationRow and the
// WHERE conditions of a ConversationFilter. Text is built from which filters are set and how many values a list
// holds, never from the values: each value gets a numbered placeholder (?N for SQLite, $N for PostgreSQL) and
// waits in values() to be bound in order. Plain structure, no I/O; one builder per statement.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "store/conversation_store.hpp"

namespace livedesk::store {

// Builds one statement's placeholders and filter conditions; see the file comment.
class ConversationSql {
 public:
  enum class Dialect { sqlite, postgres };
  using Value = std::variant<std::int64_t, std::string>;

  // The select list of a ConversationRow over chat_sessions s, customers c, staff_users a, dispositions d and
  // csat_ratings r, as from_clause() joins them.
  static const char* row_columns();
  static const char* from_clause();

  explicit ConversationSql(Dialect dialect) : dialect_(dialect) {}

  // Appends `value` to the values and returns its placeholder.
  std::string bind(Value value);
  // " AND ..." for every filter that is set (over s and r as from_clause() names them).
  std::string conditions(const ConversationFilter& filter);
  // "(?1, ?2, ...)" for a list of ids.
  std::string id_list(const std::vector<std::int64_t>& ids);

  const std::vector<Value>& values() const { return values_; }

 private:
  template <class T>
  std::string list_of(const std::vector<T>& items);

  Dialect dialect_;
  std::vector<Value> values_;
};

}  // namespace livedesk::store
