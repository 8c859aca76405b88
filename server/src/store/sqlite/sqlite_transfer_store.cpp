#include "store/sqlite/sqlite_transfer_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectTransfer =
    "SELECT id, session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms FROM transfers ";

}  // namespace

std::int64_t SqliteTransferStore::insert(const Transfer& transfer) {
  // transfers_one_pending_per_session turns a second pending one into DuplicateError.
  auto insert = statements_.use(
      "INSERT INTO transfers(session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert->bind(1, transfer.session_id);
  insert->bind(2, transfer.from_agent_id);
  insert->bind(3, transfer.to_agent_id);
  insert->bind(4, transfer.reason);
  insert->bind(5, transfer.status);
  insert->bind(6, transfer.created_ms);
  insert->bind(7, transfer.resolved_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteTransferStore::resolve(std::int64_t id, std::string_view status, std::int64_t resolved_ms) {
  if (status == "pending") throw StoreError("a transfer cannot be resolved to \"pending\"");
  // Other unknown statuses fail the table's CHECK.
  auto update =
      statements_.use("UPDATE transfers SET status = ?2, resolved_ms = ?3 WHERE id = ?1 AND status = 'pending'");
  update->bind(1, id);
  update->bind(2, status);
  update->bind(3, resolved_ms);
  update->run();
  if (sqlite3_changes(db_) == 0) {
    throw StoreError("no pending transfer " + std::to_string(id) + " to resolve");
  }
}

std::optional<Transfer> SqliteTransferStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectTransfer) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<Transfer>(*query);
}

std::vector<Transfer> SqliteTransferStore::pending() {
  auto query = statements_.use(std::string(kSelectTransfer) + "WHERE status = 'pending' ORDER BY created_ms, id");
  return read_all<Transfer>(*query);
}

std::vector<Transfer> SqliteTransferStore::of_session(std::int64_t session_id) {
  // Served by transfers_by_session (session_id, created_ms).
  auto query = statements_.use(std::string(kSelectTransfer) + "WHERE session_id = ?1 ORDER BY created_ms, id");
  query->bind(1, session_id);
  return read_all<Transfer>(*query);
}

}  // namespace livedesk::store::sqlite
