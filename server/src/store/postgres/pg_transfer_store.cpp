#include "store/postgres/pg_transfer_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_TRANSFER \
  "SELECT id, session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms "

// transfers_one_pending_per_session turns a second pending one into DuplicateError.
constexpr PgStatement kInsertTransfer{
    "insert_transfer",
    "INSERT INTO transfers(session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
// Unknown statuses fail the table's CHECK.
constexpr PgStatement kResolveTransfer{
    "resolve_transfer", "UPDATE transfers SET status = $2, resolved_ms = $3 WHERE id = $1 AND status = 'pending'"};
constexpr PgStatement kFindTransfer{"find_transfer", LIVEDESK_PG_TRANSFER "FROM transfers WHERE id = $1"};
constexpr PgStatement kPendingTransfers{
    "pending_transfers", LIVEDESK_PG_TRANSFER "FROM transfers WHERE status = 'pending' ORDER BY created_ms, id"};
constexpr PgStatement kTransfersOfSession{
    "transfers_of_session", LIVEDESK_PG_TRANSFER "FROM transfers WHERE session_id = $1 ORDER BY created_ms, id"};

#undef LIVEDESK_PG_TRANSFER

constexpr PgStatement kStatements[] = {kInsertTransfer, kResolveTransfer, kFindTransfer, kPendingTransfers,
                                       kTransfersOfSession};

}  // namespace

std::span<const PgStatement> PgTransferStore::statements() { return kStatements; }

std::int64_t PgTransferStore::insert(const Transfer& t) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertTransfer, t.session_id, t.from_agent_id, t.to_agent_id, t.reason, t.status,
                         t.created_ms, t.resolved_ms)[0][0]);
  });
}

void PgTransferStore::resolve(std::int64_t id, std::string_view status, std::int64_t resolved_ms) {
  if (status == "pending") throw StoreError("a transfer cannot be resolved to \"pending\"");
  db_.write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kResolveTransfer, id, status, resolved_ms).affected_rows() == 0) {
      throw StoreError("no pending transfer " + std::to_string(id) + " to resolve");
    }
  });
}

std::optional<Transfer> PgTransferStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<Transfer>(exec(tx, kFindTransfer, id)); });
}

std::vector<Transfer> PgTransferStore::pending() {
  return db_.read([](pqxx::transaction_base& tx) { return read_all<Transfer>(exec(tx, kPendingTransfers)); });
}

std::vector<Transfer> PgTransferStore::of_session(std::int64_t session_id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_all<Transfer>(exec(tx, kTransfersOfSession, session_id)); });
}

}  // namespace livedesk::store::postgres
