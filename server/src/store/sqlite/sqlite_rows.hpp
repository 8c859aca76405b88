#pragma once
// Rows of a SQLite statement into described row structs, by column name
// (store/row_mapping.hpp). The column map is worked out on the first row a
// cached statement yields and kept with it, so names are resolved once per
// statement, never per row or per call. Internal to store/sqlite/.
#include <optional>
#include <string>
#include <vector>

#include "store/row_mapping.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// The current row of a stepped statement, as row_mapping.hpp reads it.
class SqliteRow {
 public:
  explicit SqliteRow(const Statement& statement) : statement_(statement) {}
  bool is_null(int column) const { return statement_.column_is_null(column); }
  std::int64_t int64(int column) const { return statement_.column_int64(column); }
  std::string text(int column) const { return statement_.column_text(column); }

 private:
  const Statement& statement_;
};

template <class T>
inline constexpr char row_type_key = 0;  // its address names T in Statement::column_map

// The current row of `statement` as a T.
template <class T>
T read_row(const Statement& statement) {
  std::vector<int>& map = statement.column_map(&row_type_key<T>);
  if (map.empty()) {
    std::vector<int> resolved(rows::column_count<T>());
    rows::map_columns<T>(
        statement.column_count(), [&](int column) { return statement.column_name(column); }, resolved.data());
    map = std::move(resolved);  // only once complete: a statement that failed to map stays unmapped
  }
  return rows::read_row<T>(SqliteRow(statement), map.data());
}

// Steps once: the row as a T, or nullopt when there is none.
template <class T>
std::optional<T> read_first(Statement& statement) {
  if (!statement.step()) return std::nullopt;
  return read_row<T>(statement);
}

// Steps to the end: every row as a T.
template <class T>
std::vector<T> read_all(Statement& statement) {
  std::vector<T> out;
  while (statement.step()) out.push_back(read_row<T>(statement));
  return out;
}

}  // namespace livedesk::store::sqlite
