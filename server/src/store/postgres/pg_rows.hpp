#pragma once
// Rows read by more than one file of the PostgreSQL store: the column list a
// statement selects and the function that reads those columns, side by side so
// they cannot drift apart. The lists are macros so statements stay string
// literals, prepared as written.
#include <optional>
#include <pqxx/pqxx>
#include <vector>

#include "store/store.hpp"

// Select exactly these columns, in this order, for read_customer / read_session.
#define LIVEDESK_PG_CUSTOMER_COLUMNS "id, name, email, created_ms"
#define LIVEDESK_PG_SESSION_COLUMNS                                                                    \
  "id, customer_id, agent_id, status, priority, subject, created_ms, assigned_ms, first_response_ms, " \
  "closed_ms, close_reason, next_seq"

namespace livedesk::store::postgres {

Customer read_customer(const pqxx::row& row);
ChatSession read_session(const pqxx::row& row);

// Every row of `rows` through `read`.
template <class Row, class Read>
std::vector<Row> read_all(const pqxx::result& rows, Read read) {
  std::vector<Row> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(read(row));
  return out;
}

// The first row of `rows` through `read`, or nullopt when there is none.
template <class Row, class Read>
std::optional<Row> read_first(const pqxx::result& rows, Read read) {
  if (rows.empty()) return std::nullopt;
  return read(rows[0]);
}

}  // namespace livedesk::store::postgres
