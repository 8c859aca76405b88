#include "store/sqlite/sqlite_block_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectBlock =
    "SELECT id, customer_id, email, reason, blocked_by, created_ms, lifted_ms, lifted_by FROM customer_blocks ";

}  // namespace

bool SqliteBlockStore::is_blocked(std::string_view email_lowercase) {
  // Served by the partial index customer_blocks_one_active_per_email.
  auto query = statements_.use("SELECT 1 FROM customer_blocks WHERE email = ?1 AND lifted_ms IS NULL LIMIT 1");
  query->bind(1, email_lowercase);
  return query->step();
}

std::int64_t SqliteBlockStore::insert(const CustomerBlock& block) {
  // customer_blocks_one_active_per_email turns a second active block into DuplicateError.
  auto insert = statements_.use(
      "INSERT INTO customer_blocks(customer_id, email, reason, blocked_by, created_ms, lifted_ms, lifted_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert->bind(1, block.customer_id);
  insert->bind(2, block.email);
  insert->bind(3, block.reason);
  insert->bind(4, block.blocked_by);
  insert->bind(5, block.created_ms);
  insert->bind(6, block.lifted_ms);
  insert->bind(7, block.lifted_by);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<CustomerBlock> SqliteBlockStore::lift(std::string_view email_lowercase, std::int64_t lifted_by,
                                                    std::int64_t at_ms) {
  std::optional<CustomerBlock> block;
  {
    // At most one row: the partial unique index customer_blocks_one_active_per_email.
    auto query = statements_.use(std::string(kSelectBlock) + "WHERE email = ?1 AND lifted_ms IS NULL");
    query->bind(1, email_lowercase);
    block = read_first<CustomerBlock>(*query);
    if (!block) return std::nullopt;
  }
  auto update = statements_.use("UPDATE customer_blocks SET lifted_ms = ?2, lifted_by = ?3 WHERE id = ?1");
  update->bind(1, block->id);
  update->bind(2, at_ms);
  update->bind(3, lifted_by);
  update->run();
  block->lifted_ms = at_ms;
  block->lifted_by = lifted_by;
  return block;
}

std::vector<CustomerBlock> SqliteBlockStore::active() {
  auto query =
      statements_.use(std::string(kSelectBlock) + "WHERE lifted_ms IS NULL ORDER BY created_ms DESC, id DESC");
  return read_all<CustomerBlock>(*query);
}

std::vector<CustomerBlock> SqliteBlockStore::of_customer(std::int64_t customer_id) {
  auto query =
      statements_.use(std::string(kSelectBlock) + "WHERE customer_id = ?1 ORDER BY created_ms DESC, id DESC");
  query->bind(1, customer_id);
  return read_all<CustomerBlock>(*query);
}

}  // namespace livedesk::store::sqlite
