#pragma once
// Test helper: the database one test owns, whichever backend is behind it, so
// the store contract tests run unchanged against SQLite and PostgreSQL.
// Header-only (not in the library).
#include <memory>
#include <ostream>
#include <string>

#include "store/store.hpp"

namespace livedesk::store::test_support {

// The backends a contract test is instantiated for.
enum class Backend { sqlite, postgres };

inline void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::sqlite ? "sqlite" : "postgres");
}

// A fresh, empty database, removed with everything in it when the object goes
// away (close the Stores opened on it first).
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;

  // A new Store on this database (a connection of its own); the first one migrates it.
  virtual std::unique_ptr<Store> open() = 0;
  // Runs a fixed test script over a connection of the test's own, beside the
  // Store; throws StoreError / DuplicateError like the store does.
  virtual void execute(const std::string& sql) = 0;
  // The first column of the first row as a number (0 when there is no row).
  virtual long long number(const std::string& sql) = 0;
  virtual bool has_table(const std::string& name) = 0;
  virtual bool has_index(const std::string& name) = 0;
  // The version this build's migrations of that backend end at.
  virtual int latest_schema_version() const = 0;
};

}  // namespace livedesk::store::test_support
