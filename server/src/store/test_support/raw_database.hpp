#pragma once
// Test helper: a second, plain connection to a store's file, to look at what
// the Store wrote (pragmas, sqlite_master) or to poke the schema directly.
// Header-only (not in the library).
#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "store/sqlite/statement.hpp"

namespace livedesk::store::test_support {

// One raw SQLite connection with foreign keys on, like the store's own.
class RawDatabase {
 public:
  explicit RawDatabase(const std::filesystem::path& file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      const std::string reason = sqlite3_errmsg(db_);
      sqlite3_close_v2(db_);
      throw std::runtime_error("test could not open " + file.string() + ": " + reason);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    sqlite::execute_script(db_, "PRAGMA foreign_keys = ON");
  }
  ~RawDatabase() { sqlite3_close_v2(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  sqlite3* get() const { return db_; }

  // Runs a fixed test script; throws StoreError / DuplicateError like the store does.
  void execute(const char* sql) const { sqlite::execute_script(db_, sql); }

  // The first column of the first row as text ("" when there is no row).
  std::string text(const char* sql) const {
    sqlite::Statement query(db_, sql);
    return query.step() ? query.column_text(0) : std::string();
  }

  // The first column of the first row as a number (0 when there is no row).
  long long number(const char* sql) const {
    sqlite::Statement query(db_, sql);
    return query.step() ? query.column_int64(0) : 0;
  }

  bool has_table(const std::string& name) const { return has_schema_object("table", name); }
  bool has_index(const std::string& name) const { return has_schema_object("index", name); }

 private:
  bool has_schema_object(const char* type, const std::string& name) const {
    sqlite::Statement query(db_, "SELECT 1 FROM sqlite_master WHERE type = ?1 AND name = ?2");
    query.bind(1, type);
    query.bind(2, name);
    return query.step();
  }

  sqlite3* db_ = nullptr;
};

}  // namespace livedesk::store::test_support
