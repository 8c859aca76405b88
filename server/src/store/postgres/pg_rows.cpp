#include "store/postgres/pg_rows.hpp"

#include "store/postgres/pg_values.hpp"

namespace livedesk::store::postgres {

Customer read_customer(const pqxx::row& row) {
  Customer customer;
  customer.id = as_int64(row[0]);
  customer.name = as_text(row[1]);
  customer.email = as_text(row[2]);
  customer.created_ms = as_int64(row[3]);
  return customer;
}

ChatSession read_session(const pqxx::row& row) {
  ChatSession session;
  session.id = as_int64(row[0]);
  session.customer_id = as_int64(row[1]);
  session.agent_id = as_optional_int64(row[2]);
  session.status = as_text(row[3]);
  session.priority = as_int(row[4]);
  session.subject = as_text(row[5]);
  session.created_ms = as_int64(row[6]);
  session.assigned_ms = as_optional_int64(row[7]);
  session.first_response_ms = as_optional_int64(row[8]);
  session.closed_ms = as_optional_int64(row[9]);
  session.close_reason = as_optional_text(row[10]);
  session.next_seq = as_int64(row[11]);
  return session;
}

}  // namespace livedesk::store::postgres
