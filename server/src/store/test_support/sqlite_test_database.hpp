#pragma once
// Test helper: a TestDatabase that is one SQLite file in a scratch directory.
// Header-only (not in the library).
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support/raw_database.hpp"
#include "store/test_support/temp_directory.hpp"
#include "store/test_support/test_database.hpp"

namespace livedesk::store::test_support {

// A SQLite database file owned by one test.
class SqliteTestDatabase final : public TestDatabase {
 public:
  const std::filesystem::path& file() const { return file_; }

  std::unique_ptr<Store> open() override { return open_sqlite_store(file_); }
  void execute(const std::string& sql) override { RawDatabase(file_).execute(sql.c_str()); }
  long long number(const std::string& sql) override { return RawDatabase(file_).number(sql.c_str()); }
  bool has_table(const std::string& name) override { return RawDatabase(file_).has_table(name); }
  bool has_index(const std::string& name) override { return RawDatabase(file_).has_index(name); }
  int latest_schema_version() const override { return sqlite::latest_schema_version(); }

 private:
  TempDirectory dir_;
  std::filesystem::path file_ = dir_.path() / "livedesk.db";
};

}  // namespace livedesk::store::test_support
