// Migration 2 (note kinds) on a SQLite database an older build left behind.
#include <gtest/gtest.h>

#include <vector>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/statement.hpp"
#include "store/test_support/raw_database.hpp"
#include "store/test_support/temp_directory.hpp"

namespace livedesk::store {
namespace {

using test_support::RawDatabase;
using test_support::TempDirectory;
using Ids = std::vector<std::int64_t>;

Ids ids_of(const auto& rows) {
  Ids ids;
  for (const auto& row : rows) ids.push_back(row.id);
  return ids;
}

TEST(NoteKindsMigration, AppliesOnAVersion1DatabaseWithNotes) {
  TempDirectory dir;
  const auto file = dir.path() / "v1.db";
  {
    // A database as a build that knew only migration 1 left it.
    RawDatabase raw(file);
    const auto migrations = sqlite::all_migrations();
    ASSERT_GE(migrations.size(), 2u);
    ASSERT_EQ(migrations[0].version, 1);
    ASSERT_EQ(migrations[1].version, 2);
    raw.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at_ms INTEGER NOT NULL)");
    sqlite::execute_script(raw.get(), migrations[0].sql);
    raw.execute(
        "INSERT INTO schema_migrations(version, applied_at_ms) VALUES (1, 1);"
        "INSERT INTO staff_users(id, username, name, role, password_hash, created_ms) "
        "VALUES (1, 'agent', 'Agent', 'agent', 'h', 0);"
        "INSERT INTO customers(id, email, name, created_ms) VALUES (1, 'c@example.com', 'C', 0);"
        "INSERT INTO chat_sessions(id, customer_id, created_ms) VALUES (1, 1, 0);"
        "INSERT INTO notes(id, session_id, author_user_id, body, created_ms, updated_ms) "
        "VALUES (1, 1, 1, 'old one', 10, 10), (2, 1, 1, 'old two', 20, 20);");
  }

  auto store = open_sqlite_store(file);
  EXPECT_GE(store->schema_version(), 2);
  EXPECT_EQ(store->schema_version(), sqlite::latest_schema_version());
  const auto notes = store->notes().of_session(1);
  ASSERT_EQ(ids_of(notes), (Ids{1, 2}));
  EXPECT_EQ(notes[0].kind, "note");
  EXPECT_EQ(notes[0].body, "old one");
  EXPECT_EQ(notes[1].kind, "note");

  Note whisper;
  whisper.session_id = 1;
  whisper.author_user_id = 1;
  whisper.kind = "whisper";
  whisper.body = "new";
  whisper.created_ms = 30;
  whisper.updated_ms = 30;
  const auto id = store->notes().insert(whisper);
  EXPECT_EQ(store->notes().find(id)->kind, "whisper");

  RawDatabase raw(file);
  EXPECT_EQ(raw.number("SELECT count(*) FROM schema_migrations"), sqlite::latest_schema_version());
  EXPECT_THROW(raw.execute("UPDATE notes SET kind = 'shout' WHERE id = 1"), StoreError);
  // Rows written without a kind still take the default.
  raw.execute(
      "INSERT INTO notes(session_id, author_user_id, body, created_ms, updated_ms) VALUES (1, 1, 'raw', 40, 40)");
  EXPECT_EQ(raw.text("SELECT kind FROM notes WHERE body = 'raw'"), "note");
  EXPECT_EQ(raw.text("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace livedesk::store
