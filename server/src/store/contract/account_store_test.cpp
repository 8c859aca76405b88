// Staff accounts and their presence, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;
using test_support::staff;
using domain::Role;

// A fresh database per test, and no store open yet.
class AccountStoreTest : public test_support::StoreTest {};

TEST_P(AccountStoreTest, CreatesFindsAndListsUsers) {
  auto store = open();
  const auto bob = store->accounts().create(staff("bob", Role::supervisor));
  const auto amy = store->accounts().create(staff("amy", Role::admin));
  EXPECT_LT(bob, amy);

  const auto found = store->accounts().find_by_username("bob");
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

  EXPECT_EQ(store->accounts().find(amy)->username, "amy");
  EXPECT_FALSE(store->accounts().find(amy + 100).has_value());
  EXPECT_FALSE(store->accounts().find_by_username("nobody").has_value());
  EXPECT_FALSE(store->accounts().find_by_username("BOB").has_value());  // usernames match exactly

  const auto users = store->accounts().list();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].id, bob);
  EXPECT_EQ(users[1].id, amy);
  EXPECT_EQ(users[1].role, Role::admin);
}

TEST_P(AccountStoreTest, DuplicateUsernameThrowsDuplicateError) {
  auto store = open();
  store->accounts().create(staff("carol"));
  EXPECT_THROW(store->accounts().create(staff("carol")), DuplicateError);
  EXPECT_EQ(store->accounts().list().size(), 1u);
  // Not every failure is a duplicate: an empty username breaks a CHECK instead.
  try {
    store->accounts().create(staff(""));
    FAIL() << "empty username accepted";
  } catch (const DuplicateError&) {
    FAIL() << "CHECK violation reported as duplicate";
  } catch (const StoreError&) {
  }
}

TEST_P(AccountStoreTest, BoundParametersSurviveHostileInput) {
  auto store = open();
  const std::string hostile = "o'brien\"; '; DROP TABLE staff_users; --";
  // Embedded NUL bytes are backend-specific: SQLite keeps them, PostgreSQL refuses them.
  const std::string nasty_name = "ünïcödé 日本語 🙂 \\ %_ \u202e";
  auto user = staff(hostile);
  user.name = nasty_name;
  const auto id = store->accounts().create(user);

  const auto found = store->accounts().find_by_username(hostile);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->username, hostile);
  EXPECT_EQ(found->name, nasty_name);
  EXPECT_FALSE(store->accounts().find_by_username("' OR '1'='1").has_value());
  EXPECT_EQ(store->accounts().list().size(), 1u);  // the table is still there
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(AccountStoreTest);

// The chat fixture: one agent, one customer.
class AccountPresenceTest : public test_support::ChatStoreTest {};

TEST_P(AccountPresenceTest, UpdatesStaffPresence) {
  store_->accounts().update_presence(agent_, "active", kT0 + 77);
  const auto user = store_->accounts().find(agent_);
  EXPECT_EQ(user->status, "active");
  EXPECT_EQ(user->last_active_ms, kT0 + 77);
  EXPECT_THROW(store_->accounts().update_presence(agent_, "asleep", kT0), StoreError);
  EXPECT_THROW(store_->accounts().update_presence(agent_ + 100, "idle", kT0), StoreError);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(AccountPresenceTest);

}  // namespace
}  // namespace livedesk::store
