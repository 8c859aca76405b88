#pragma once
// Rows of a PostgreSQL result into described row structs, by column name
// (store/row_mapping.hpp). The column map is worked out once per result (one
// round trip), from the names the result carries, and every row is read
// through it. Also the column lists more than one file selects: macros, so
// statements stay string literals, prepared as written. Internal to
// store/postgres/.
#include <array>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "store/row_mapping.hpp"

// Every column of a ChatSession.
#define LIVEDESK_PG_SESSION_COLUMNS                                                                    \
  "id, customer_id, agent_id, status, priority, subject, created_ms, assigned_ms, first_response_ms, " \
  "closed_ms, close_reason, next_seq"

namespace livedesk::store::postgres {

// One row of a result, as row_mapping.hpp reads it.
class PgRow {
 public:
  explicit PgRow(const pqxx::row& row) : row_(row) {}
  bool is_null(int column) const { return row_[column].is_null(); }
  std::int64_t int64(int column) const {
    const pqxx::field field = row_[column];
    return field.is_null() ? 0 : field.as<std::int64_t>();
  }
  std::string text(int column) const {
    const pqxx::field field = row_[column];
    if (field.is_null()) return {};
    return std::string(field.c_str(), field.size());
  }

 private:
  const pqxx::row& row_;
};

// The result column of each member of T.
template <class T>
std::array<int, rows::column_count<T>()> column_map(const pqxx::result& result) {
  std::array<int, rows::column_count<T>()> map{};
  rows::map_columns<T>(
      static_cast<int>(result.columns()), [&](int column) { return result.column_name(column); }, map.data());
  return map;
}

// Every row of `result` as a T.
template <class T>
std::vector<T> read_all(const pqxx::result& result) {
  std::vector<T> out;
  if (result.empty()) return out;
  const auto map = column_map<T>(result);
  out.reserve(result.size());
  for (const auto& row : result) out.push_back(rows::read_row<T>(PgRow(row), map.data()));
  return out;
}

// The first row of `result` as a T, or nullopt when there is none.
template <class T>
std::optional<T> read_first(const pqxx::result& result) {
  if (result.empty()) return std::nullopt;
  return rows::read_row<T>(PgRow(result[0]), column_map<T>(result).data());
}

}  // namespace livedesk::store::postgres
