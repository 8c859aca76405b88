// What every store does beyond the chat tables: migrating, users, the audit
// trail, bound parameters and transactions.
#include <gtest/gtest.h>

#include <stdexcept>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using domain::Role;

NewStaffUser staff(std::string username, Role role = Role::agent) {
  return NewStaffUser{.username = username,
                      .name = "Name of " + username,
                      .role = role,
                      .password_hash = "$argon2id$v=19$hash-of-" + username,
                      .created_ms = 1'700'000'000'000};
}

AuditEntry audit(std::string action, std::optional<std::int64_t> actor = std::nullopt) {
  AuditEntry entry;
  entry.at_ms = 1'700'000'000'123;
  entry.actor_user_id = actor;
  entry.action = std::move(action);
  entry.target_type = "session";
  entry.target_id = "42";
  entry.detail_json = R"({"reason":"test"})";
  return entry;
}

// A fresh database per test, and no store open yet.
class StoreBasicsTest : public test_support::StoreTest {};

TEST_P(StoreBasicsTest, MigratesEmptyDatabaseToLatestVersionWithEveryTable) {
  auto store = open();
  EXPECT_EQ(store->schema_version(), db_->latest_schema_version());
  EXPECT_GE(store->schema_version(), 1);

  for (const char* table : {"schema_migrations", "staff_users", "customers", "chat_sessions", "messages",
                            "csat_ratings", "notes", "canned_responses", "transfers", "customer_blocks",
                            "audit_log", "attachments", "settings"}) {
    EXPECT_TRUE(db_->has_table(table)) << table;
  }
  for (const char* index : {"chat_sessions_by_status_created", "chat_sessions_by_agent_status",
                            "chat_sessions_by_closed", "messages_by_created", "audit_log_by_at",
                            "audit_log_by_actor"}) {
    EXPECT_TRUE(db_->has_index(index)) << index;
  }
}

TEST_P(StoreBasicsTest, ReopeningMigratedDatabaseKeepsDataAndVersion) {
  std::int64_t id = 0;
  int version = 0;
  {
    auto store = open();
    id = store->create_user(staff("alice"));
    version = store->schema_version();
  }
  auto reopened = open();
  EXPECT_EQ(reopened->schema_version(), version);
  const auto alice = reopened->find_user(id);
  ASSERT_TRUE(alice.has_value());
  EXPECT_EQ(alice->username, "alice");
  EXPECT_EQ(db_->number("SELECT count(*) FROM schema_migrations"), db_->latest_schema_version());
}

TEST_P(StoreBasicsTest, EnforcesForeignKeys) {
  auto store = open();
  // No staff user 999 exists, so the audit row must be refused.
  EXPECT_THROW(store->append_audit(audit("login", 999)), StoreError);
}

TEST_P(StoreBasicsTest, CreatesFindsAndListsUsers) {
  auto store = open();
  const auto bob = store->create_user(staff("bob", Role::supervisor));
  const auto amy = store->create_user(staff("amy", Role::admin));
  EXPECT_LT(bob, amy);

  const auto found = store->find_user_by_username("bob");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, bob);
  EXPECT_EQ(found->name, "Name of bob");
  EXPECT_EQ(found->role, Role::supervisor);
  EXPECT_EQ(found->password_hash, "$argon2id$v=19$hash-of-bob");
  EXPECT_EQ(found->status, "offline");
  EXPECT_EQ(found->capacity, 3);
  EXPECT_EQ(found->last_active_ms, 0);
  EXPECT_EQ(found->created_ms, 1'700'000'000'000);
  EXPECT_FALSE(found->disabled_ms.has_value());

  EXPECT_EQ(store->find_user(amy)->username, "amy");
  EXPECT_FALSE(store->find_user(amy + 100).has_value());
  EXPECT_FALSE(store->find_user_by_username("nobody").has_value());
  EXPECT_FALSE(store->find_user_by_username("BOB").has_value());  // usernames match exactly

  const auto users = store->list_users();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].id, bob);
  EXPECT_EQ(users[1].id, amy);
  EXPECT_EQ(users[1].role, Role::admin);
}

TEST_P(StoreBasicsTest, DuplicateUsernameThrowsDuplicateError) {
  auto store = open();
  store->create_user(staff("carol"));
  EXPECT_THROW(store->create_user(staff("carol")), DuplicateError);
  EXPECT_EQ(store->list_users().size(), 1u);
  // Not every failure is a duplicate: an empty username breaks a CHECK instead.
  try {
    store->create_user(staff(""));
    FAIL() << "empty username accepted";
  } catch (const DuplicateError&) {
    FAIL() << "CHECK violation reported as duplicate";
  } catch (const StoreError&) {
  }
}

TEST_P(StoreBasicsTest, BoundParametersSurviveHostileInput) {
  auto store = open();
  const std::string hostile = "o'brien\"; '; DROP TABLE staff_users; --";
  // Embedded NUL bytes are backend-specific: SQLite keeps them, PostgreSQL refuses them.
  const std::string nasty_name = "ünïcödé 日本語 🙂 \\ %_ \u202e";
  auto user = staff(hostile);
  user.name = nasty_name;
  const auto id = store->create_user(user);

  const auto found = store->find_user_by_username(hostile);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->username, hostile);
  EXPECT_EQ(found->name, nasty_name);
  EXPECT_FALSE(store->find_user_by_username("' OR '1'='1").has_value());
  EXPECT_EQ(store->list_users().size(), 1u);  // the table is still there
}

TEST_P(StoreBasicsTest, AuditPagesNewestFirst) {
  auto store = open();
  const auto actor = store->create_user(staff("dave"));
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(store->append_audit(audit("action" + std::to_string(i), actor)));

  const auto first = store->list_audit(0, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, ids[4]);
  EXPECT_EQ(first[1].id, ids[3]);
  EXPECT_EQ(first[0].action, "action4");
  EXPECT_EQ(first[0].actor_user_id, actor);
  EXPECT_EQ(first[0].at_ms, 1'700'000'000'123);
  EXPECT_EQ(first[0].target_type, "session");
  EXPECT_EQ(first[0].target_id, "42");
  EXPECT_EQ(first[0].detail_json, R"({"reason":"test"})");

  const auto second = store->list_audit(first.back().id, 2);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].id, ids[2]);
  EXPECT_EQ(second[1].id, ids[1]);

  const auto last = store->list_audit(second.back().id, 10);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].id, ids[0]);
  EXPECT_TRUE(store->list_audit(ids[0], 10).empty());
  EXPECT_TRUE(store->list_audit(0, 0).empty());
  EXPECT_TRUE(store->list_audit(0, -1).empty());
  EXPECT_EQ(store->list_audit(-5, 100).size(), 5u);
}

TEST_P(StoreBasicsTest, AuditKeepsSystemActorAndNormalizesEmptyDetail) {
  auto store = open();
  auto entry = audit("startup");
  entry.detail_json.clear();
  store->append_audit(entry);
  const auto entries = store->list_audit(0, 1);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_FALSE(entries[0].actor_user_id.has_value());
  EXPECT_EQ(entries[0].detail_json, "{}");

  entry.detail_json = "{not json";
  EXPECT_THROW(store->append_audit(entry), StoreError);
}

TEST_P(StoreBasicsTest, TransactionCommitsAllOrNothing) {
  auto store = open();
  store->run_in_transaction([](Store& s) {
    s.create_user(staff("erin"));
    s.create_user(staff("frank"));
  });
  EXPECT_EQ(store->list_users().size(), 2u);

  EXPECT_THROW(store->run_in_transaction([](Store& s) {
    s.create_user(staff("gina"));
    throw std::runtime_error("job failed halfway");
  }),
               std::runtime_error);
  EXPECT_FALSE(store->find_user_by_username("gina").has_value());

  // A store error inside (duplicate) undoes the earlier write of the same unit.
  EXPECT_THROW(store->run_in_transaction([](Store& s) {
    s.create_user(staff("hank"));
    s.create_user(staff("erin"));
  }),
               DuplicateError);
  EXPECT_FALSE(store->find_user_by_username("hank").has_value());
  EXPECT_TRUE(store->ping());  // the connection is usable afterwards
}

TEST_P(StoreBasicsTest, NestedTransactionRollsBackAloneAsSavepoint) {
  auto store = open();
  store->run_in_transaction([](Store& outer) {
    outer.create_user(staff("ivan"));
    EXPECT_THROW(outer.run_in_transaction([](Store& inner) {
      inner.create_user(staff("jane"));
      throw std::runtime_error("one job of the batch fails");
    }),
                 std::runtime_error);
    outer.run_in_transaction([](Store& inner) { inner.create_user(staff("kim")); });
  });
  EXPECT_TRUE(store->find_user_by_username("ivan").has_value());
  EXPECT_FALSE(store->find_user_by_username("jane").has_value());
  EXPECT_TRUE(store->find_user_by_username("kim").has_value());
}

TEST_P(StoreBasicsTest, RefusesDatabaseNewerThanThisBuild) {
  open().reset();
  db_->execute("INSERT INTO schema_migrations(version, applied_at_ms) VALUES (9999, 0)");
  EXPECT_THROW(open(), StoreError);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(StoreBasicsTest);

}  // namespace
}  // namespace livedesk::store
