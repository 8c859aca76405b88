#include "store/postgres/pg_setting_store.hpp"

#include <string>

namespace livedesk::store::postgres {

namespace {

// Two statements, not one with a CTE: under READ COMMITTED the SELECT takes a
// fresh snapshot, so it sees the row of a node whose concurrent INSERT won
// (ON CONFLICT waited for it to commit), which a CTE's snapshot would not.
constexpr PgStatement kInsertSetting{"insert_setting",
                                     "INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING"};
constexpr PgStatement kSelectSetting{"select_setting", "SELECT value FROM settings WHERE key = $1"};

constexpr PgStatement kPutSetting{
    "put_setting",
    "INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"};

constexpr PgStatement kStatements[] = {kInsertSetting, kSelectSetting, kPutSetting};

}  // namespace

std::span<const PgStatement> PgSettingStore::statements() { return kStatements; }

std::string PgSettingStore::shared(std::string_view key, const std::string& value_if_absent) {
  return db_.write([&](pqxx::transaction_base& tx) {
    exec(tx, kInsertSetting, key, value_if_absent);
    const auto rows = exec(tx, kSelectSetting, key);
    if (rows.empty()) throw StoreError("setting \"" + std::string(key) + "\" vanished right after it was stored");
    return as_text(rows[0][0]);
  });
}

std::optional<std::string> PgSettingStore::find(std::string_view key) {
  return db_.read([&](pqxx::transaction_base& tx) -> std::optional<std::string> {
    const auto rows = exec(tx, kSelectSetting, key);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].c_str();
  });
}

void PgSettingStore::put(std::string_view key, const std::string& value) {
  db_.write([&](pqxx::transaction_base& tx) { exec(tx, kPutSetting, key, value); });
}

}  // namespace livedesk::store::postgres
