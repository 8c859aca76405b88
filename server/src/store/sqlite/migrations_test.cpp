// The schema's own rules, checked straight against SQLite, so later store code
// can rely on them (idempotent resend, one pending transfer, CHECKed enums).
#include "store/sqlite/migrations.hpp"

#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store/test_support/raw_database.hpp"
#include "store/test_support/temp_directory.hpp"

namespace livedesk::store::sqlite {
namespace {

using test_support::RawDatabase;
using test_support::TempDirectory;

class SchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    apply_migrations(db_.get());
    db_.execute(
        "INSERT INTO staff_users(id, username, name, role, password_hash, created_ms) "
        "VALUES (1, 'agent1', 'Agent One', 'agent', 'h', 0), (2, 'agent2', 'Agent Two', 'agent', 'h', 0);"
        "INSERT INTO customers(id, email, name, created_ms) VALUES (1, 'c@example.com', 'C', 0);"
        "INSERT INTO chat_sessions(id, customer_id, created_ms) VALUES (1, 1, 0);");
  }

  TempDirectory dir_;
  RawDatabase db_{dir_.path() / "schema.db"};
};

TEST(Migrations, AreListedInOrderEndingAtTheLatestVersion) {
  const auto migrations = all_migrations();
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().version, 1);
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, migrations[i - 1].version + 1);
  }
  EXPECT_EQ(migrations.back().version, latest_schema_version());
}

TEST(Migrations, ApplyingTwiceIsANoOp) {
  TempDirectory dir;
  RawDatabase db(dir.path() / "twice.db");
  EXPECT_EQ(apply_migrations(db.get()), latest_schema_version());
  const auto applied_at = db.number("SELECT applied_at_ms FROM schema_migrations WHERE version = 1");
  EXPECT_GT(applied_at, 0);
  EXPECT_EQ(apply_migrations(db.get()), latest_schema_version());
  EXPECT_EQ(db.number("SELECT applied_at_ms FROM schema_migrations WHERE version = 1"), applied_at);
  EXPECT_EQ(db.text("PRAGMA foreign_key_check"), "");
}

TEST_F(SchemaTest, MessageSeqIsUniquePerSession) {
  db_.execute("INSERT INTO messages(session_id, seq, sender_type, created_ms) VALUES (1, 1, 'customer', 0)");
  EXPECT_THROW(db_.execute("INSERT INTO messages(session_id, seq, sender_type, created_ms) VALUES (1, 1, 'system', 0)"),
               DuplicateError);
}

TEST_F(SchemaTest, ClientMessageIdMakesResendIdempotent) {
  db_.execute(
      "INSERT INTO messages(session_id, seq, sender_type, client_msg_id, created_ms) "
      "VALUES (1, 1, 'customer', 'c-1', 0);"
      "INSERT INTO messages(session_id, seq, sender_type, client_msg_id, sender_user_id, created_ms) "
      "VALUES (1, 2, 'agent', 'c-1', 1, 0);"  // same id from the other side is a different message
      "INSERT INTO messages(session_id, seq, sender_type, created_ms) VALUES (1, 3, 'customer', 0);"
      "INSERT INTO messages(session_id, seq, sender_type, created_ms) VALUES (1, 4, 'customer', 0);");
  EXPECT_THROW(db_.execute("INSERT INTO messages(session_id, seq, sender_type, client_msg_id, created_ms) "
                           "VALUES (1, 5, 'customer', 'c-1', 0)"),
               DuplicateError);
}

TEST_F(SchemaTest, EnumerationsAndRangesAreChecked) {
  for (const char* bad : {
           "UPDATE chat_sessions SET status = 'paused' WHERE id = 1",
           "UPDATE chat_sessions SET status = 'active' WHERE id = 1",  // active needs an agent
           "UPDATE chat_sessions SET status = 'closed' WHERE id = 1",  // closed needs closed_ms
           "UPDATE chat_sessions SET close_reason = 'bored' WHERE id = 1",
           "INSERT INTO messages(session_id, seq, sender_type, created_ms) VALUES (1, 1, 'bot', 0)",
           "INSERT INTO messages(session_id, seq, sender_type, type, created_ms) VALUES (1, 1, 'customer', 'gif', 0)",
           "INSERT INTO messages(session_id, seq, sender_type, status, created_ms) VALUES (1, 1, 'system', 'lost', 0)",
           "INSERT INTO messages(session_id, seq, sender_type, created_ms) VALUES (1, 1, 'agent', 0)",  // who?
           "INSERT INTO csat_ratings(session_id, rating, created_ms) VALUES (1, 6, 0)",
           "INSERT INTO csat_ratings(session_id, rating, created_ms) VALUES (1, 0, 0)",
           "INSERT INTO customers(email, name, created_ms) VALUES ('Mixed@Example.com', 'M', 0)",
           "INSERT INTO staff_users(username, name, role, password_hash, created_ms) VALUES ('x', 'X', 'root', 'h', 0)",
           "INSERT INTO transfers(session_id, from_agent_id, status, created_ms) VALUES (1, 1, 'lost', 0)",
       }) {
    EXPECT_THROW(db_.execute(bad), StoreError) << bad;
  }
  db_.execute(
      "UPDATE chat_sessions SET status = 'active', agent_id = 1, assigned_ms = 5 WHERE id = 1;"
      "UPDATE chat_sessions SET status = 'closed', closed_ms = 9, close_reason = 'resolved' WHERE id = 1;"
      "INSERT INTO csat_ratings(session_id, rating, created_ms) VALUES (1, 5, 10)");
  EXPECT_THROW(db_.execute("INSERT INTO csat_ratings(session_id, rating, created_ms) VALUES (1, 4, 11)"),
               DuplicateError);
}

TEST_F(SchemaTest, CannedShortcutsAreUniquePerOwnerIncludingShared) {
  db_.execute(
      "INSERT INTO canned_responses(owner_user_id, shortcut, title, body, created_ms, updated_ms) "
      "VALUES (NULL, 'hi', 'Hello', 'Hello!', 0, 0), (1, 'hi', 'Mine', 'Hey', 0, 0), (2, 'hi', 'Mine', 'Yo', 0, 0)");
  EXPECT_THROW(db_.execute("INSERT INTO canned_responses(owner_user_id, shortcut, title, body, created_ms, updated_ms) "
                           "VALUES (NULL, 'hi', 'Again', 'Hello again', 0, 0)"),
               DuplicateError);
  EXPECT_THROW(db_.execute("INSERT INTO canned_responses(owner_user_id, shortcut, title, body, created_ms, updated_ms) "
                           "VALUES (1, 'hi', 'Again', 'Hey again', 0, 0)"),
               DuplicateError);
}

TEST_F(SchemaTest, OnlyOnePendingTransferPerSession) {
  db_.execute(
      "INSERT INTO transfers(session_id, from_agent_id, to_agent_id, status, created_ms, resolved_ms) "
      "VALUES (1, 1, 2, 'declined', 0, 1);"
      "INSERT INTO transfers(session_id, from_agent_id, to_agent_id, created_ms) VALUES (1, 1, 2, 2)");
  EXPECT_THROW(db_.execute("INSERT INTO transfers(session_id, from_agent_id, created_ms) VALUES (1, 1, 3)"),
               DuplicateError);
}

TEST_F(SchemaTest, OnlyOneActiveBlockPerEmail) {
  db_.execute(
      "INSERT INTO customer_blocks(email, blocked_by, created_ms, lifted_ms, lifted_by) "
      "VALUES ('c@example.com', 1, 0, 5, 1);"
      "INSERT INTO customer_blocks(customer_id, email, blocked_by, created_ms) VALUES (1, 'c@example.com', 1, 6)");
  EXPECT_THROW(db_.execute("INSERT INTO customer_blocks(email, created_ms) VALUES ('c@example.com', 7)"),
               DuplicateError);
}

TEST_F(SchemaTest, ForeignKeysAreEnforced) {
  EXPECT_THROW(db_.execute("INSERT INTO chat_sessions(customer_id, created_ms) VALUES (99, 0)"), StoreError);
  EXPECT_THROW(db_.execute("INSERT INTO notes(session_id, author_user_id, body, created_ms, updated_ms) "
                           "VALUES (1, 99, 'x', 0, 0)"),
               StoreError);
}

}  // namespace
}  // namespace livedesk::store::sqlite
