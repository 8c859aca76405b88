// Migration 8 (conversations and contacts) on a SQLite database a version-7 build left behind: the
// customers table is rebuilt with foreign keys off, so every row, every reference to it and its id counter
// must come through.
#include <gtest/gtest.h>

#include <string>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support/raw_database.hpp"
#include "store/test_support/temp_directory.hpp"

namespace livedesk::store {
namespace {

using test_support::RawDatabase;
using test_support::TempDirectory;

TEST(ContactsMigration, RebuildsCustomersKeepingRowsReferencesAndTheIdCounter) {
  TempDirectory dir;
  const auto file = dir.path() / "v7.db";
  {
    RawDatabase raw(file);
    raw.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at_ms INTEGER NOT NULL)");
    for (const auto& migration : sqlite::all_migrations()) {
      if (migration.version > 7) break;
      sqlite::execute_script(raw.get(), migration.sql);
      const std::string record =
          "INSERT INTO schema_migrations(version, applied_at_ms) VALUES (" + std::to_string(migration.version) + ", 1)";
      raw.execute(record.c_str());
    }
    raw.execute(
        "PRAGMA foreign_keys = ON;"
        "INSERT INTO staff_users(id, username, name, role, password_hash, created_ms) "
        "VALUES (1, 'agent', 'Agent', 'agent', 'h', 0);"
        "INSERT INTO customers(id, email, name, created_ms) VALUES (1, 'a@example.com', 'A', 5), "
        "(2, 'b@example.com', 'B', 6), (3, 'gone@example.com', 'Gone', 7);"
        "DELETE FROM customers WHERE id = 3;"  // the counter stays at 3: id 3 must never come back
        "INSERT INTO chat_sessions(id, customer_id, created_ms) VALUES (1, 1, 100), (2, 1, 200), (3, 2, 300);"
        "INSERT INTO customer_blocks(customer_id, email, reason, blocked_by, created_ms) "
        "VALUES (2, 'b@example.com', 'spam', 1, 400);");
  }

  auto store = open_sqlite_store(file);
  EXPECT_EQ(store->schema_version(), sqlite::latest_schema_version());
  const auto a = store->contacts().find(1);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->email, "a@example.com");
  EXPECT_EQ(a->name, "A");
  EXPECT_EQ(a->created_ms, 5);
  const Contact c = store->contacts().upsert("C", "c@example.com", 500);
  EXPECT_EQ(c.id, 4);

  RawDatabase raw(file);
  EXPECT_EQ(raw.text("PRAGMA foreign_key_check"), "");
  EXPECT_EQ(raw.number("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(raw.number("SELECT last_seen_ms FROM customers WHERE id = 1"), 200);  // its newest chat
  EXPECT_EQ(raw.number("SELECT count(*) FROM chat_sessions s JOIN customers c ON c.id = s.customer_id"), 3);
  // Still enforced after the rebuild: a chat of nobody, an uppercase email.
  EXPECT_THROW(raw.execute("INSERT INTO chat_sessions(customer_id, created_ms) VALUES (99, 0)"), StoreError);
  EXPECT_THROW(raw.execute("INSERT INTO customers(email, name, created_ms) VALUES ('X@example.com', 'X', 0)"),
               StoreError);
  // An anonymous visitor has no email yet; two of them do not collide.
  raw.execute("INSERT INTO customers(name, created_ms, visitor_id) VALUES ('', 0, 'v1'), ('', 0, 'v2')");
  EXPECT_EQ(raw.text("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace livedesk::store
