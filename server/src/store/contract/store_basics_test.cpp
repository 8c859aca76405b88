// What every Store does as the unit of work: migrating, foreign keys,
// reopening, and transactions.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::staff;
using test_support::audit;

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
    id = store->accounts().create(staff("alice"));
    version = store->schema_version();
  }
  auto reopened = open();
  EXPECT_EQ(reopened->schema_version(), version);
  const auto alice = reopened->accounts().find(id);
  ASSERT_TRUE(alice.has_value());
  EXPECT_EQ(alice->username, "alice");
  EXPECT_EQ(db_->number("SELECT count(*) FROM schema_migrations"), db_->latest_schema_version());
}

TEST_P(StoreBasicsTest, EnforcesForeignKeys) {
  auto store = open();
  // No staff user 999 exists, so the audit row must be refused.
  EXPECT_THROW(store->audit().append(audit("login", 999)), StoreError);
}

TEST_P(StoreBasicsTest, TransactionCommitsAllOrNothing) {
  auto store = open();
  store->run_in_transaction([](Store& s) {
    s.accounts().create(staff("erin"));
    s.accounts().create(staff("frank"));
  });
  EXPECT_EQ(store->accounts().list().size(), 2u);

  EXPECT_THROW(store->run_in_transaction([](Store& s) {
    s.accounts().create(staff("gina"));
    throw std::runtime_error("job failed halfway");
  }),
               std::runtime_error);
  EXPECT_FALSE(store->accounts().find_by_username("gina").has_value());

  // A store error inside (duplicate) undoes the earlier write of the same unit.
  EXPECT_THROW(store->run_in_transaction([](Store& s) {
    s.accounts().create(staff("hank"));
    s.accounts().create(staff("erin"));
  }),
               DuplicateError);
  EXPECT_FALSE(store->accounts().find_by_username("hank").has_value());
  EXPECT_TRUE(store->ping());  // the connection is usable afterwards
}

TEST_P(StoreBasicsTest, NestedTransactionRollsBackAloneAsSavepoint) {
  auto store = open();
  store->run_in_transaction([](Store& outer) {
    outer.accounts().create(staff("ivan"));
    EXPECT_THROW(outer.run_in_transaction([](Store& inner) {
      inner.accounts().create(staff("jane"));
      throw std::runtime_error("one job of the batch fails");
    }),
                 std::runtime_error);
    outer.run_in_transaction([](Store& inner) { inner.accounts().create(staff("kim")); });
  });
  EXPECT_TRUE(store->accounts().find_by_username("ivan").has_value());
  EXPECT_FALSE(store->accounts().find_by_username("jane").has_value());
  EXPECT_TRUE(store->accounts().find_by_username("kim").has_value());
}

TEST_P(StoreBasicsTest, RefusesDatabaseNewerThanThisBuild) {
  open().reset();
  db_->execute("INSERT INTO schema_migrations(version, applied_at_ms) VALUES (9999, 0)");
  EXPECT_THROW(open(), StoreError);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(StoreBasicsTest);

}  // namespace
}  // namespace livedesk::store
