// What only the SQLite store has: WAL, integrity checks, a file to open,
// NUL bytes kept in text. Everything backend-neutral is in store/contract/.
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "store/sqlite/migrations.hpp"
#include "store/test_support/raw_database.hpp"
#include "store/test_support/temp_directory.hpp"

namespace livedesk::store {
namespace {

using domain::Role;
using test_support::RawDatabase;
using test_support::TempDirectory;

NewStaffUser staff(std::string username, Role role = Role::agent) {
  return NewStaffUser{.username = username,
                      .name = "Name of " + username,
                      .role = role,
                      .password_hash = "$argon2id$v=19$hash-of-" + username,
                      .created_ms = 1'700'000'000'000};
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::filesystem::path database() const { return dir_.path() / "livedesk.db"; }
  std::unique_ptr<Store> open() const { return open_sqlite_store(database()); }

  TempDirectory dir_;
};

TEST_F(SqliteStoreTest, FreshDatabasePassesIntegrityCheck) {
  auto store = open();
  RawDatabase raw(database());
  EXPECT_EQ(raw.text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.number("SELECT count(*) FROM schema_migrations"), sqlite::latest_schema_version());
}

TEST_F(SqliteStoreTest, UsesWriteAheadLogging) {
  auto store = open();
  RawDatabase raw(database());
  EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteStoreTest, OpenFailsWhenDirectoryIsMissing) {
  EXPECT_THROW(open_sqlite_store(dir_.path() / "missing" / "livedesk.db"), StoreError);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "missing"));
}

TEST_F(SqliteStoreTest, KeepsEmbeddedNulBytes) {
  auto store = open();
  const char nasty_bytes[] = "nul\0byte and ünïcödé";
  const std::string nasty_name(nasty_bytes, sizeof nasty_bytes - 1);  // keeps the embedded NUL
  auto user = staff("nul");
  user.name = nasty_name;
  const auto id = store->accounts().create(user);
  EXPECT_EQ(store->accounts().find(id)->name, nasty_name);
}

}  // namespace
}  // namespace livedesk::store
