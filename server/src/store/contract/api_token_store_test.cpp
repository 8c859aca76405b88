// API tokens, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::Ids;
using test_support::ids_of;
using test_support::kT0;

// An admin who makes tokens.
class ApiTokenStoreTest : public test_support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store_ = open();
    admin_ = store_->accounts().create(test_support::staff("root", domain::Role::admin));
  }

  ApiToken token(std::string name, std::int64_t created_ms = kT0) const {
    ApiToken t;
    t.name = std::move(name);
    t.scopes = "events:read conversations:read";
    t.secret_hash = "hash-of-" + t.name;
    t.created_by = admin_;
    t.created_ms = created_ms;
    return t;
  }

  std::unique_ptr<Store> store_;
  std::int64_t admin_ = 0;
};

TEST_P(ApiTokenStoreTest, InsertedTokenIsFoundWithEveryField) {
  const auto id = store_->api_tokens().insert(token("crm"));
  const auto found = store_->api_tokens().find(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->name, "crm");
  EXPECT_EQ(found->scopes, "events:read conversations:read");
  EXPECT_EQ(found->secret_hash, "hash-of-crm");
  EXPECT_EQ(found->created_by, admin_);
  EXPECT_EQ(found->created_ms, kT0);
  EXPECT_EQ(found->last_used_ms, std::nullopt);
  EXPECT_EQ(found->revoked_ms, std::nullopt);
  EXPECT_EQ(found->revoked_by, std::nullopt);
  EXPECT_EQ(store_->api_tokens().find(id + 1), std::nullopt);
}

TEST_P(ApiTokenStoreTest, AllListsNewestFirstRevokedIncluded) {
  const auto first = store_->api_tokens().insert(token("first"));
  const auto second = store_->api_tokens().insert(token("second", kT0 + 1));
  store_->api_tokens().revoke(first, admin_, kT0 + 2);
  EXPECT_EQ(ids_of(store_->api_tokens().all()), (Ids{second, first}));
}

TEST_P(ApiTokenStoreTest, RevokeOnceKeepsTheFirstRevocation) {
  const auto id = store_->api_tokens().insert(token("crm"));
  const auto revoked = store_->api_tokens().revoke(id, admin_, kT0 + 5);
  ASSERT_TRUE(revoked.has_value());
  EXPECT_EQ(revoked->id, id);
  EXPECT_EQ(revoked->revoked_ms, kT0 + 5);
  EXPECT_EQ(revoked->revoked_by, admin_);
  EXPECT_EQ(store_->api_tokens().revoke(id, admin_, kT0 + 9), std::nullopt);
  EXPECT_EQ(store_->api_tokens().find(id)->revoked_ms, kT0 + 5);
  EXPECT_EQ(store_->api_tokens().revoke(id + 100, admin_, kT0 + 9), std::nullopt);
}

TEST_P(ApiTokenStoreTest, TouchOnlyMovesLastUsedForward) {
  const auto id = store_->api_tokens().insert(token("crm"));
  store_->api_tokens().touch(id, kT0 + 10);
  EXPECT_EQ(store_->api_tokens().find(id)->last_used_ms, kT0 + 10);
  store_->api_tokens().touch(id, kT0 + 3);  // a node whose write came late
  EXPECT_EQ(store_->api_tokens().find(id)->last_used_ms, kT0 + 10);
  store_->api_tokens().touch(id, kT0 + 20);
  EXPECT_EQ(store_->api_tokens().find(id)->last_used_ms, kT0 + 20);
}

TEST_P(ApiTokenStoreTest, ATokenInARolledBackTransactionIsGone) {
  EXPECT_THROW(store_->run_in_transaction([&](Store& s) {
    s.api_tokens().insert(token("crm"));
    throw StoreError("abandon");
  }),
               StoreError);
  EXPECT_TRUE(store_->api_tokens().all().empty());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(ApiTokenStoreTest);

}  // namespace
}  // namespace livedesk::store
