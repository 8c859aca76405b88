#include "store/postgres/pg_block_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_BLOCK_COLUMNS "id, customer_id, email, reason, blocked_by, created_ms, lifted_ms, lifted_by"

// Served by the partial index customer_blocks_one_active_per_email.
constexpr PgStatement kEmailBlocked{"email_blocked",
                                    "SELECT 1 FROM customer_blocks WHERE email = $1 AND lifted_ms IS NULL LIMIT 1"};
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
constexpr PgStatement kBlocksOfCustomer{"blocks_of_customer", "SELECT " LIVEDESK_PG_BLOCK_COLUMNS
                                                              " FROM customer_blocks WHERE customer_id = $1 "
                                                              "ORDER BY created_ms DESC, id DESC"};

#undef LIVEDESK_PG_BLOCK_COLUMNS

constexpr PgStatement kStatements[] = {kEmailBlocked, kInsertBlock, kLiftBlock, kActiveBlocks, kBlocksOfCustomer};

}  // namespace

std::span<const PgStatement> PgBlockStore::statements() { return kStatements; }

bool PgBlockStore::is_blocked(std::string_view email_lowercase) {
  return db_.read([&](pqxx::transaction_base& tx) { return !exec(tx, kEmailBlocked, email_lowercase).empty(); });
}

std::int64_t PgBlockStore::insert(const CustomerBlock& b) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertBlock, b.customer_id, b.email, b.reason, b.blocked_by, b.created_ms, b.lifted_ms,
                         b.lifted_by)[0][0]);
  });
}

std::optional<CustomerBlock> PgBlockStore::lift(std::string_view email_lowercase, std::int64_t lifted_by,
                                                std::int64_t at_ms) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return read_first<CustomerBlock>(exec(tx, kLiftBlock, email_lowercase, at_ms, lifted_by));
  });
}

std::vector<CustomerBlock> PgBlockStore::active() {
  return db_.read([](pqxx::transaction_base& tx) { return read_all<CustomerBlock>(exec(tx, kActiveBlocks)); });
}

std::vector<CustomerBlock> PgBlockStore::of_customer(std::int64_t customer_id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_all<CustomerBlock>(exec(tx, kBlocksOfCustomer, customer_id)); });
}

}  // namespace livedesk::store::postgres
