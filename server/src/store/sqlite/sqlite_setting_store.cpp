#include "store/sqlite/sqlite_setting_store.hpp"

#include <string>

namespace livedesk::store::sqlite {

std::string SqliteSettingStore::shared(std::string_view key, const std::string& value_if_absent) {
  {
    // Takes the write lock, so a second process inserting the same key waits, then does nothing.
    auto insert = statements_.use("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING");
    insert->bind(1, key);
    insert->bind(2, value_if_absent);
    insert->run();
  }
  auto query = statements_.use("SELECT value FROM settings WHERE key = ?1");
  query->bind(1, key);
  if (!query->step()) throw StoreError("setting \"" + std::string(key) + "\" vanished right after it was stored");
  return query->column_text(0);
}

std::optional<std::string> SqliteSettingStore::find(std::string_view key) {
  auto query = statements_.use("SELECT value FROM settings WHERE key = ?1");
  query->bind(1, key);
  if (!query->step()) return std::nullopt;
  return query->column_text(0);
}

void SqliteSettingStore::put(std::string_view key, const std::string& value) {
  auto upsert = statements_.use(
      "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  upsert->bind(1, key);
  upsert->bind(2, value);
  upsert->run();
}

}  // namespace livedesk::store::sqlite
