#include "store/postgres/pg_disposition_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_DISPOSITION "SELECT id, name, created_ms, archived_ms FROM dispositions "

// dispositions_by_name (the name with ASCII letters lowered) turns a name taken ignoring case into DuplicateError.
constexpr PgStatement kInsertDisposition{
    "insert_disposition", "INSERT INTO dispositions(name, created_ms, archived_ms) VALUES ($1, $2, $3) RETURNING id"};
constexpr PgStatement kUpdateDisposition{"update_disposition",
                                         "UPDATE dispositions SET name = $2, archived_ms = $3 WHERE id = $1"};
constexpr PgStatement kFindDisposition{"find_disposition", LIVEDESK_PG_DISPOSITION "WHERE id = $1"};
constexpr PgStatement kAllDispositions{
    "all_dispositions", LIVEDESK_PG_DISPOSITION "WHERE $1::boolean OR archived_ms IS NULL ORDER BY id"};
constexpr PgStatement kSetSessionDisposition{"set_session_disposition",
                                             "UPDATE chat_sessions SET disposition_id = $2 WHERE id = $1"};
constexpr PgStatement kSessionDisposition{"session_disposition",
                                          "SELECT disposition_id FROM chat_sessions WHERE id = $1"};
constexpr PgStatement kDispositionRequired{
    "disposition_required", "SELECT value FROM settings WHERE key = 'conversations.disposition_required'"};
constexpr PgStatement kSetDispositionRequired{
    "set_disposition_required",
    "INSERT INTO settings(key, value) VALUES ('conversations.disposition_required', $1) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"};

#undef LIVEDESK_PG_DISPOSITION

constexpr PgStatement kStatements[] = {kInsertDisposition,     kUpdateDisposition,  kFindDisposition,
                                       kAllDispositions,       kSetSessionDisposition, kSessionDisposition,
                                       kDispositionRequired,   kSetDispositionRequired};

}  // namespace

std::span<const PgStatement> PgDispositionStore::statements() { return kStatements; }

std::int64_t PgDispositionStore::insert(const Disposition& d) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertDisposition, d.name, d.created_ms, d.archived_ms)[0][0]);
  });
}

void PgDispositionStore::update(const Disposition& d) {
  db_.write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdateDisposition, d.id, d.name, d.archived_ms).affected_rows() == 0)
      throw StoreError("no disposition " + std::to_string(d.id) + " to update");
  });
}

std::optional<Disposition> PgDispositionStore::find(std::int64_t id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<Disposition>(exec(tx, kFindDisposition, id)); });
}

std::vector<Disposition> PgDispositionStore::all(bool include_archived) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<Disposition>(exec(tx, kAllDispositions, include_archived ? "true" : "false"));
  });
}

void PgDispositionStore::set_of_session(std::int64_t session_id, std::optional<std::int64_t> disposition_id) {
  db_.write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kSetSessionDisposition, session_id, disposition_id).affected_rows() == 0)
      throw StoreError("no session " + std::to_string(session_id));
  });
}

std::optional<std::int64_t> PgDispositionStore::of_session(std::int64_t session_id) {
  return db_.read([&](pqxx::transaction_base& tx) -> std::optional<std::int64_t> {
    const auto rows = exec(tx, kSessionDisposition, session_id);
    if (rows.empty()) return std::nullopt;
    return as_optional_int64(rows[0][0]);
  });
}

bool PgDispositionStore::required() {
  return db_.read([&](pqxx::transaction_base& tx) {
    const auto rows = exec(tx, kDispositionRequired);
    return !rows.empty() && as_text(rows[0][0]) == "true";
  });
}

void PgDispositionStore::set_required(bool required) {
  db_.write([&](pqxx::transaction_base& tx) { exec(tx, kSetDispositionRequired, required ? "true" : "false"); });
}

}  // namespace livedesk::store::postgres
