#include "store/postgres/pg_canned_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_CANNED "SELECT id, owner_user_id, shortcut, title, body, created_ms, updated_ms "
// ASCII-only case folding, as SQLite's lower(), whatever the database's locale.
#define LIVEDESK_PG_ASCII_LOWER(x) "translate(" x ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

// canned_responses_by_owner_shortcut (coalesce(owner, 0), shortcut) gives DuplicateError.
constexpr PgStatement kInsertCanned{
    "insert_canned",
    "INSERT INTO canned_responses(owner_user_id, shortcut, title, body, created_ms, updated_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr PgStatement kUpdateCanned{
    "update_canned", "UPDATE canned_responses SET shortcut = $2, title = $3, body = $4, updated_ms = $5 WHERE id = $1"};
constexpr PgStatement kDeleteCanned{"delete_canned", "DELETE FROM canned_responses WHERE id = $1"};
constexpr PgStatement kFindCanned{"find_canned", LIVEDESK_PG_CANNED "FROM canned_responses WHERE id = $1"};
// A prefix test with starts_with rather than LIKE, so '%', '_' and '\' in the
// prefix are plain characters with nothing to escape; an empty prefix matches
// every row. COLLATE "C" sorts by code point, as SQLite's BINARY does.
constexpr PgStatement kSearchCanned{
    "search_canned",
    LIVEDESK_PG_CANNED "FROM canned_responses WHERE (owner_user_id IS NULL OR owner_user_id = $1) "
    "AND (starts_with(" LIVEDESK_PG_ASCII_LOWER("shortcut") ", " LIVEDESK_PG_ASCII_LOWER("$2::text") ") "
    "OR starts_with(" LIVEDESK_PG_ASCII_LOWER("title") ", " LIVEDESK_PG_ASCII_LOWER("$2::text") ")) "
    "ORDER BY owner_user_id IS NULL, shortcut COLLATE \"C\", id LIMIT $3"};

#undef LIVEDESK_PG_CANNED
#undef LIVEDESK_PG_ASCII_LOWER

constexpr PgStatement kStatements[] = {kInsertCanned, kUpdateCanned, kDeleteCanned, kFindCanned, kSearchCanned};

}  // namespace

std::span<const PgStatement> PgCannedStore::statements() { return kStatements; }

std::int64_t PgCannedStore::insert(const CannedResponse& c) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(
        exec(tx, kInsertCanned, c.owner_user_id, c.shortcut, c.title, c.body, c.created_ms, c.updated_ms)[0][0]);
  });
}

void PgCannedStore::update(const CannedResponse& c) {
  db_.write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdateCanned, c.id, c.shortcut, c.title, c.body, c.updated_ms).affected_rows() == 0) {
      throw StoreError("no canned response " + std::to_string(c.id) + " to update");
    }
  });
}

bool PgCannedStore::remove(std::int64_t id) {
  return db_.write([&](pqxx::transaction_base& tx) { return exec(tx, kDeleteCanned, id).affected_rows() > 0; });
}

std::optional<CannedResponse> PgCannedStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<CannedResponse>(exec(tx, kFindCanned, id)); });
}

std::vector<CannedResponse> PgCannedStore::search(std::int64_t user_id, std::string_view prefix, int limit) {
  if (limit <= 0) return {};
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<CannedResponse>(exec(tx, kSearchCanned, user_id, prefix, limit));
  });
}

}  // namespace livedesk::store::postgres
