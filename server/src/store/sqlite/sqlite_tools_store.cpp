// The agent-tools part of SqliteChatStore (see sqlite_chat_store.hpp):
// transfers, canned responses, notes, block management and the filtered audit
// query. Values reach SQL only through bound parameters.
#include <limits>
#include <string>

#include "store/sqlite/sqlite_chat_store.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectTransfer =
    "SELECT id, session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms FROM transfers ";

Transfer read_transfer(const Statement& row) {
  Transfer transfer;
  transfer.id = row.column_int64(0);
  transfer.session_id = row.column_int64(1);
  transfer.from_agent_id = row.column_int64(2);
  transfer.to_agent_id = row.column_optional_int64(3);
  transfer.reason = row.column_text(4);
  transfer.status = row.column_text(5);
  transfer.created_ms = row.column_int64(6);
  transfer.resolved_ms = row.column_optional_int64(7);
  return transfer;
}

constexpr const char* kSelectCanned =
    "SELECT id, owner_user_id, shortcut, title, body, created_ms, updated_ms FROM canned_responses ";

CannedResponse read_canned(const Statement& row) {
  CannedResponse canned;
  canned.id = row.column_int64(0);
  canned.owner_user_id = row.column_optional_int64(1);
  canned.shortcut = row.column_text(2);
  canned.title = row.column_text(3);
  canned.body = row.column_text(4);
  canned.created_ms = row.column_int64(5);
  canned.updated_ms = row.column_int64(6);
  return canned;
}

constexpr const char* kSelectNote =
    "SELECT id, session_id, author_user_id, kind, body, created_ms, updated_ms, deleted_ms FROM notes ";

Note read_note(const Statement& row) {
  Note note;
  note.id = row.column_int64(0);
  note.session_id = row.column_int64(1);
  note.author_user_id = row.column_int64(2);
  note.kind = row.column_text(3);
  note.body = row.column_text(4);
  note.created_ms = row.column_int64(5);
  note.updated_ms = row.column_int64(6);
  note.deleted_ms = row.column_optional_int64(7);
  return note;
}

constexpr const char* kSelectBlock =
    "SELECT id, customer_id, email, reason, blocked_by, created_ms, lifted_ms, lifted_by FROM customer_blocks ";

CustomerBlock read_block(const Statement& row) {
  CustomerBlock block;
  block.id = row.column_int64(0);
  block.customer_id = row.column_optional_int64(1);
  block.email = row.column_text(2);
  block.reason = row.column_text(3);
  block.blocked_by = row.column_optional_int64(4);
  block.created_ms = row.column_int64(5);
  block.lifted_ms = row.column_optional_int64(6);
  block.lifted_by = row.column_optional_int64(7);
  return block;
}

AuditEntry read_audit_row(const Statement& row) {
  AuditEntry entry;
  entry.id = row.column_int64(0);
  entry.at_ms = row.column_int64(1);
  entry.actor_user_id = row.column_optional_int64(2);
  entry.action = row.column_text(3);
  entry.target_type = row.column_text(4);
  entry.target_id = row.column_text(5);
  entry.detail_json = row.column_text(6);
  return entry;
}

}  // namespace

// ---- transfers ----

std::int64_t SqliteChatStore::insert_transfer(const Transfer& transfer) {
  // transfers_one_pending_per_session turns a second pending one into DuplicateError.
  auto insert = statements().use(
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
  return sqlite3_last_insert_rowid(connection());
}

void SqliteChatStore::resolve_transfer(std::int64_t id, std::string_view status, std::int64_t resolved_ms) {
  if (status == "pending") throw StoreError("a transfer cannot be resolved to \"pending\"");
  // Other unknown statuses fail the table's CHECK.
  auto update = statements().use(
      "UPDATE transfers SET status = ?2, resolved_ms = ?3 WHERE id = ?1 AND status = 'pending'");
  update->bind(1, id);
  update->bind(2, status);
  update->bind(3, resolved_ms);
  update->run();
  if (sqlite3_changes(connection()) == 0) {
    throw StoreError("no pending transfer " + std::to_string(id) + " to resolve");
  }
}

std::optional<Transfer> SqliteChatStore::find_transfer(std::int64_t id) {
  auto query = statements().use(std::string(kSelectTransfer) + "WHERE id = ?1");
  query->bind(1, id);
  if (!query->step()) return std::nullopt;
  return read_transfer(*query);
}

std::vector<Transfer> SqliteChatStore::pending_transfers() {
  auto query = statements().use(std::string(kSelectTransfer) + "WHERE status = 'pending' ORDER BY created_ms, id");
  std::vector<Transfer> transfers;
  while (query->step()) transfers.push_back(read_transfer(*query));
  return transfers;
}

std::vector<Transfer> SqliteChatStore::transfers_of_session(std::int64_t session_id) {
  // Served by transfers_by_session (session_id, created_ms).
  auto query = statements().use(std::string(kSelectTransfer) + "WHERE session_id = ?1 ORDER BY created_ms, id");
  query->bind(1, session_id);
  std::vector<Transfer> transfers;
  while (query->step()) transfers.push_back(read_transfer(*query));
  return transfers;
}

// ---- canned responses ----

std::int64_t SqliteChatStore::insert_canned(const CannedResponse& canned) {
  // canned_responses_by_owner_shortcut (ifnull(owner, 0), shortcut) gives DuplicateError.
  auto insert = statements().use(
      "INSERT INTO canned_responses(owner_user_id, shortcut, title, body, created_ms, updated_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert->bind(1, canned.owner_user_id);
  insert->bind(2, canned.shortcut);
  insert->bind(3, canned.title);
  insert->bind(4, canned.body);
  insert->bind(5, canned.created_ms);
  insert->bind(6, canned.updated_ms);
  insert->run();
  return sqlite3_last_insert_rowid(connection());
}

void SqliteChatStore::update_canned(const CannedResponse& canned) {
  auto update = statements().use(
      "UPDATE canned_responses SET shortcut = ?2, title = ?3, body = ?4, updated_ms = ?5 WHERE id = ?1");
  update->bind(1, canned.id);
  update->bind(2, canned.shortcut);
  update->bind(3, canned.title);
  update->bind(4, canned.body);
  update->bind(5, canned.updated_ms);
  update->run();
  if (sqlite3_changes(connection()) == 0) {
    throw StoreError("no canned response " + std::to_string(canned.id) + " to update");
  }
}

bool SqliteChatStore::delete_canned(std::int64_t id) {
  auto remove = statements().use("DELETE FROM canned_responses WHERE id = ?1");
  remove->bind(1, id);
  remove->run();
  return sqlite3_changes(connection()) > 0;
}

std::optional<CannedResponse> SqliteChatStore::find_canned(std::int64_t id) {
  auto query = statements().use(std::string(kSelectCanned) + "WHERE id = ?1");
  query->bind(1, id);
  if (!query->step()) return std::nullopt;
  return read_canned(*query);
}

std::vector<CannedResponse> SqliteChatStore::search_canned(std::int64_t user_id, std::string_view prefix, int limit) {
  std::vector<CannedResponse> found;
  if (limit <= 0) return found;  // SQLite reads a negative LIMIT as "no limit"
  // A prefix test by comparison rather than LIKE, so '%' and '_' in the prefix
  // need no escaping. lower() folds ASCII only, like LIKE. An empty prefix
  // compares '' with '' and matches every row.
  auto query = statements().use(std::string(kSelectCanned) +
                                "WHERE (owner_user_id IS NULL OR owner_user_id = ?1) "
                                "AND (lower(substr(shortcut, 1, length(?2))) = lower(?2) "
                                "OR lower(substr(title, 1, length(?2))) = lower(?2)) "
                                "ORDER BY owner_user_id IS NULL, shortcut, id LIMIT ?3");
  query->bind(1, user_id);
  query->bind(2, prefix);
  query->bind(3, limit);
  while (query->step()) found.push_back(read_canned(*query));
  return found;
}

// ---- notes ----

std::int64_t SqliteChatStore::insert_note(const Note& note) {
  auto insert = statements().use(
      "INSERT INTO notes(session_id, author_user_id, kind, body, created_ms, updated_ms, deleted_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert->bind(1, note.session_id);
  insert->bind(2, note.author_user_id);
  insert->bind(3, note.kind);
  insert->bind(4, note.body);
  insert->bind(5, note.created_ms);
  insert->bind(6, note.updated_ms);
  insert->bind(7, note.deleted_ms);
  insert->run();
  return sqlite3_last_insert_rowid(connection());
}

void SqliteChatStore::update_note(const Note& note) {
  auto update = statements().use("UPDATE notes SET body = ?2, updated_ms = ?3, deleted_ms = ?4 WHERE id = ?1");
  update->bind(1, note.id);
  update->bind(2, note.body);
  update->bind(3, note.updated_ms);
  update->bind(4, note.deleted_ms);
  update->run();
  if (sqlite3_changes(connection()) == 0) {
    throw StoreError("no note " + std::to_string(note.id) + " to update");
  }
}

std::optional<Note> SqliteChatStore::find_note(std::int64_t id) {
  auto query = statements().use(std::string(kSelectNote) + "WHERE id = ?1");
  query->bind(1, id);
  if (!query->step()) return std::nullopt;
  return read_note(*query);
}

std::vector<Note> SqliteChatStore::notes_of_session(std::int64_t session_id) {
  // Served by notes_by_session (session_id, created_ms).
  auto query = statements().use(std::string(kSelectNote) +
                                "WHERE session_id = ?1 AND deleted_ms IS NULL ORDER BY created_ms, id");
  query->bind(1, session_id);
  std::vector<Note> notes;
  while (query->step()) notes.push_back(read_note(*query));
  return notes;
}

// ---- blocks ----

std::int64_t SqliteChatStore::insert_block(const CustomerBlock& block) {
  // customer_blocks_one_active_per_email turns a second active block into DuplicateError.
  auto insert = statements().use(
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
  return sqlite3_last_insert_rowid(connection());
}

std::optional<CustomerBlock> SqliteChatStore::lift_block(std::string_view email_lowercase, std::int64_t lifted_by,
                                                         std::int64_t at_ms) {
  std::optional<CustomerBlock> block;
  {
    // At most one row: the partial unique index customer_blocks_one_active_per_email.
    auto query = statements().use(std::string(kSelectBlock) + "WHERE email = ?1 AND lifted_ms IS NULL");
    query->bind(1, email_lowercase);
    if (!query->step()) return std::nullopt;
    block = read_block(*query);
  }
  auto update = statements().use("UPDATE customer_blocks SET lifted_ms = ?2, lifted_by = ?3 WHERE id = ?1");
  update->bind(1, block->id);
  update->bind(2, at_ms);
  update->bind(3, lifted_by);
  update->run();
  block->lifted_ms = at_ms;
  block->lifted_by = lifted_by;
  return block;
}

std::vector<CustomerBlock> SqliteChatStore::active_blocks() {
  auto query =
      statements().use(std::string(kSelectBlock) + "WHERE lifted_ms IS NULL ORDER BY created_ms DESC, id DESC");
  std::vector<CustomerBlock> blocks;
  while (query->step()) blocks.push_back(read_block(*query));
  return blocks;
}

// The two lookups below find ids here and read the rows through find_customer /
// find_session, so the column mapping of those rows stays in one place
// (sqlite_chat_store.cpp). Both are tiny, indexed reads.

std::optional<Customer> SqliteChatStore::find_customer_by_email(std::string_view email_lowercase) {
  std::int64_t id = 0;
  {
    auto query = statements().use("SELECT id FROM customers WHERE email = ?1");
    query->bind(1, email_lowercase);
    if (!query->step()) return std::nullopt;
    id = query->column_int64(0);
  }
  return find_customer(id);
}

std::vector<ChatSession> SqliteChatStore::open_sessions_of_customer(std::int64_t customer_id) {
  std::vector<std::int64_t> ids;
  {
    // Served by chat_sessions_by_customer (customer_id, created_ms).
    auto query = statements().use(
        "SELECT id FROM chat_sessions WHERE customer_id = ?1 AND status IN ('waiting', 'active') "
        "ORDER BY created_ms, id");
    query->bind(1, customer_id);
    while (query->step()) ids.push_back(query->column_int64(0));
  }
  std::vector<ChatSession> sessions;
  sessions.reserve(ids.size());
  for (const std::int64_t id : ids) {
    // Same connection, no writes in between: the row cannot have gone.
    if (auto session = find_session(id)) sessions.push_back(std::move(*session));
  }
  return sessions;
}

// ---- audit ----

std::vector<AuditEntry> SqliteChatStore::query_audit(const AuditQuery& q) {
  std::vector<AuditEntry> entries;
  if (q.limit <= 0) return entries;  // SQLite reads a negative LIMIT as "no limit"
  // One fixed statement for every combination of filters: an unset filter is
  // bound as NULL and its "?N IS NULL OR ..." term is true. "No bound" on id is
  // the largest id, as in list_audit.
  auto query = statements().use(
      "SELECT id, at_ms, actor_user_id, action, target_type, target_id, detail_json FROM audit_log "
      "WHERE id < ?1 "
      "AND (?2 IS NULL OR actor_user_id = ?2) "
      "AND (?3 IS NULL OR at_ms >= ?3) "
      "AND (?4 IS NULL OR at_ms < ?4) "
      "AND (?5 IS NULL OR action = ?5) "
      "ORDER BY id DESC LIMIT ?6");
  query->bind(1, q.before_id > 0 ? q.before_id : std::numeric_limits<std::int64_t>::max());
  query->bind(2, q.actor_user_id);
  query->bind(3, q.from_ms);
  query->bind(4, q.to_ms);
  query->bind(5, q.action);
  query->bind(6, q.limit);
  while (query->step()) entries.push_back(read_audit_row(*query));
  return entries;
}

}  // namespace livedesk::store::sqlite
