// The supervisor-tools part of PgChatStore (see pg_chat_store.hpp): customer
// blocks and the lookups around them, and the filtered audit query.
#include <limits>
#include <string>

#include "store/postgres/pg_chat_store.hpp"
#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_BLOCK_COLUMNS "id, customer_id, email, reason, blocked_by, created_ms, lifted_ms, lifted_by"

// customer_blocks_one_active_per_email turns a second active block into DuplicateError.
constexpr PgStatement kInsertBlock{
    "insert_block",
    "INSERT INTO customer_blocks(customer_id, email, reason, blocked_by, created_ms, lifted_ms, lifted_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
// At most one row: the partial unique index customer_blocks_one_active_per_email.
constexpr PgStatement kLiftBlock{
    "lift_block",
    "UPDATE customer_blocks SET lifted_ms = $2, lifted_by = $3 WHERE email = $1 AND lifted_ms IS NULL "
    "RETURNING " LIVEDESK_PG_BLOCK_COLUMNS};
constexpr PgStatement kActiveBlocks{"active_blocks", "SELECT " LIVEDESK_PG_BLOCK_COLUMNS
                                                     " FROM customer_blocks WHERE lifted_ms IS NULL "
                                                     "ORDER BY created_ms DESC, id DESC"};
constexpr PgStatement kCustomerByEmail{"customer_by_email",
                                       "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS " FROM customers WHERE email = $1"};
// Served by chat_sessions_by_customer (customer_id, created_ms).
constexpr PgStatement kOpenSessionsOfCustomer{
    "open_sessions_of_customer", "SELECT " LIVEDESK_PG_SESSION_COLUMNS
                                 " FROM chat_sessions "
                                 "WHERE customer_id = $1 AND status IN ('waiting', 'active') ORDER BY created_ms, id"};
// One fixed statement for every combination of filters: an unset filter is
// bound as NULL and its "$N IS NULL OR ..." term is true. The casts give each
// parameter its type where "IS NULL" alone would leave it unknown.
constexpr PgStatement kQueryAudit{
    "query_audit",
    "SELECT id, at_ms, actor_user_id, action, target_type, target_id, detail_json FROM audit_log "
    "WHERE id < $1 "
    "AND ($2::bigint IS NULL OR actor_user_id = $2::bigint) "
    "AND ($3::bigint IS NULL OR at_ms >= $3::bigint) "
    "AND ($4::bigint IS NULL OR at_ms < $4::bigint) "
    "AND ($5::text IS NULL OR action = $5::text) "
    "ORDER BY id DESC LIMIT $6"};

#undef LIVEDESK_PG_BLOCK_COLUMNS

constexpr PgStatement kStatements[] = {
    kInsertBlock, kLiftBlock, kActiveBlocks, kCustomerByEmail, kOpenSessionsOfCustomer, kQueryAudit};

CustomerBlock read_block(const pqxx::row& row) {
  return CustomerBlock{.id = as_int64(row[0]),
                       .customer_id = as_optional_int64(row[1]),
                       .email = as_text(row[2]),
                       .reason = as_text(row[3]),
                       .blocked_by = as_optional_int64(row[4]),
                       .created_ms = as_int64(row[5]),
                       .lifted_ms = as_optional_int64(row[6]),
                       .lifted_by = as_optional_int64(row[7])};
}

AuditEntry read_audit(const pqxx::row& row) {
  return AuditEntry{.id = as_int64(row[0]),
                    .at_ms = as_int64(row[1]),
                    .actor_user_id = as_optional_int64(row[2]),
                    .action = as_text(row[3]),
                    .target_type = as_text(row[4]),
                    .target_id = as_text(row[5]),
                    .detail_json = as_text(row[6])};
}

}  // namespace

std::span<const PgStatement> admin_statements() { return kStatements; }

std::int64_t PgChatStore::insert_block(const CustomerBlock& b) {
  return db().write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertBlock, b.customer_id, b.email, b.reason, b.blocked_by, b.created_ms, b.lifted_ms,
                         b.lifted_by)[0][0]);
  });
}

std::optional<CustomerBlock> PgChatStore::lift_block(std::string_view email_lowercase, std::int64_t lifted_by,
                                                     std::int64_t at_ms) {
  return db().write([&](pqxx::transaction_base& tx) {
    return read_first<CustomerBlock>(exec(tx, kLiftBlock, email_lowercase, at_ms, lifted_by), read_block);
  });
}

std::vector<CustomerBlock> PgChatStore::active_blocks() {
  return db().read(
      [&](pqxx::transaction_base& tx) { return read_all<CustomerBlock>(exec(tx, kActiveBlocks), read_block); });
}

std::optional<Customer> PgChatStore::find_customer_by_email(std::string_view email_lowercase) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_first<Customer>(exec(tx, kCustomerByEmail, email_lowercase), read_customer);
  });
}

std::vector<ChatSession> PgChatStore::open_sessions_of_customer(std::int64_t customer_id) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<ChatSession>(exec(tx, kOpenSessionsOfCustomer, customer_id), read_session);
  });
}

std::vector<AuditEntry> PgChatStore::query_audit(const AuditQuery& q) {
  if (q.limit <= 0) return {};
  // "No bound" on id is the largest id, as in list_audit.
  const std::int64_t before = q.before_id > 0 ? q.before_id : std::numeric_limits<std::int64_t>::max();
  return db().read([&](pqxx::transaction_base& tx) {
    return read_all<AuditEntry>(exec(tx, kQueryAudit, before, q.actor_user_id, q.from_ms, q.to_ms, q.action, q.limit),
                                read_audit);
  });
}

}  // namespace livedesk::store::postgres
