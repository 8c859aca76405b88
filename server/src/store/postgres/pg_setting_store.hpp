#pragma once
// The SettingStore (shared settings) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/setting_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Shared settings in PostgreSQL.
class PgSettingStore final : public SettingStore {
 public:
  explicit PgSettingStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::string shared(std::string_view key, const std::string& value_if_absent) override;
  std::optional<std::string> find(std::string_view key) override;
  void put(std::string_view key, const std::string& value) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
