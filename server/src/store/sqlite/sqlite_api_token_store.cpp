#include "store/sqlite/sqlite_api_token_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectToken =
    "SELECT id, name, scopes, secret_hash, created_by, created_ms, last_used_ms, revoked_ms, revoked_by "
    "FROM api_tokens ";

}  // namespace

std::int64_t SqliteApiTokenStore::insert(const ApiToken& token) {
  auto insert = statements_.use(
      "INSERT INTO api_tokens(name, scopes, secret_hash, created_by, created_ms, last_used_ms, revoked_ms, "
      "revoked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert->bind(1, token.name);
  insert->bind(2, token.scopes);
  insert->bind(3, token.secret_hash);
  insert->bind(4, token.created_by);
  insert->bind(5, token.created_ms);
  insert->bind(6, token.last_used_ms);
  insert->bind(7, token.revoked_ms);
  insert->bind(8, token.revoked_by);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<ApiToken> SqliteApiTokenStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectToken) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<ApiToken>(*query);
}

std::vector<ApiToken> SqliteApiTokenStore::all() {
  auto query = statements_.use(std::string(kSelectToken) + "ORDER BY id DESC");
  return read_all<ApiToken>(*query);
}

std::optional<ApiToken> SqliteApiTokenStore::revoke(std::int64_t id, std::int64_t revoked_by, std::int64_t at_ms) {
  {
    auto update =
        statements_.use("UPDATE api_tokens SET revoked_ms = ?2, revoked_by = ?3 WHERE id = ?1 AND revoked_ms IS NULL");
    update->bind(1, id);
    update->bind(2, at_ms);
    update->bind(3, revoked_by);
    update->run();
  }
  if (sqlite3_changes(db_) == 0) return std::nullopt;
  return find(id);
}

void SqliteApiTokenStore::touch(std::int64_t id, std::int64_t used_ms) {
  auto update = statements_.use(
      "UPDATE api_tokens SET last_used_ms = ?2 WHERE id = ?1 AND (last_used_ms IS NULL OR last_used_ms < ?2)");
  update->bind(1, id);
  update->bind(2, used_ms);
  update->run();
}

}  // namespace livedesk::store::sqlite
