#include "store/postgres/pg_api_token_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_TOKEN_COLUMNS \
  "id, name, scopes, secret_hash, created_by, created_ms, last_used_ms, revoked_ms, revoked_by"

constexpr PgStatement kInsertToken{
    "insert_api_token",
    "INSERT INTO api_tokens(name, scopes, secret_hash, created_by, created_ms, last_used_ms, revoked_ms, revoked_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr PgStatement kFindToken{"find_api_token",
                                 "SELECT " LIVEDESK_PG_TOKEN_COLUMNS " FROM api_tokens WHERE id = $1"};
constexpr PgStatement kAllTokens{"all_api_tokens",
                                 "SELECT " LIVEDESK_PG_TOKEN_COLUMNS " FROM api_tokens ORDER BY id DESC"};
constexpr PgStatement kRevokeToken{"revoke_api_token",
                                   "UPDATE api_tokens SET revoked_ms = $2, revoked_by = $3 "
                                   "WHERE id = $1 AND revoked_ms IS NULL RETURNING " LIVEDESK_PG_TOKEN_COLUMNS};
constexpr PgStatement kTouchToken{
    "touch_api_token",
    "UPDATE api_tokens SET last_used_ms = $2 WHERE id = $1 AND (last_used_ms IS NULL OR last_used_ms < $2)"};

#undef LIVEDESK_PG_TOKEN_COLUMNS

constexpr PgStatement kStatements[] = {kInsertToken, kFindToken, kAllTokens, kRevokeToken, kTouchToken};

}  // namespace

std::span<const PgStatement> PgApiTokenStore::statements() { return kStatements; }

std::int64_t PgApiTokenStore::insert(const ApiToken& t) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertToken, t.name, t.scopes, t.secret_hash, t.created_by, t.created_ms, t.last_used_ms,
                         t.revoked_ms, t.revoked_by)[0][0]);
  });
}

std::optional<ApiToken> PgApiTokenStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<ApiToken>(exec(tx, kFindToken, id)); });
}

std::vector<ApiToken> PgApiTokenStore::all() {
  return db_.read([](pqxx::transaction_base& tx) { return read_all<ApiToken>(exec(tx, kAllTokens)); });
}

std::optional<ApiToken> PgApiTokenStore::revoke(std::int64_t id, std::int64_t revoked_by, std::int64_t at_ms) {
  return db_.write(
      [&](pqxx::transaction_base& tx) { return read_first<ApiToken>(exec(tx, kRevokeToken, id, at_ms, revoked_by)); });
}

void PgApiTokenStore::touch(std::int64_t id, std::int64_t used_ms) {
  db_.write([&](pqxx::transaction_base& tx) { exec(tx, kTouchToken, id, used_ms); });
}

}  // namespace livedesk::store::postgres
