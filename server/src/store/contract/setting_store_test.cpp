// Shared settings (migration 4), in every store: the first value stored wins,
// for every node on the database.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {


// A fresh database per test; each open() is another node on it.
class SettingStoreTest : public test_support::StoreTest {};

TEST_P(SettingStoreTest, StoresTheValueWhenAbsentAndKeepsTheFirst) {
  auto store = open();
  EXPECT_EQ(store->settings().shared("jwt_secret", "first"), "first");
  EXPECT_EQ(store->settings().shared("jwt_secret", "second"), "first");
  EXPECT_EQ(store->settings().shared("other", "o'ther \"value\" ünï"), "o'ther \"value\" ünï");
  EXPECT_EQ(db_->number("SELECT count(*) FROM settings"), 2);

  // Another node (its own connection) finds the stored value, inside a transaction too.
  auto node2 = open();
  std::string seen;
  node2->run_in_transaction([&](Store& s) { seen = s.settings().shared("jwt_secret", "node2's own"); });
  EXPECT_EQ(seen, "first");
}

// Contacts: the widget's identity secret is replaced when an admin rotates it.
TEST_P(SettingStoreTest, PutReplacesAValueAndFindReadsIt) {
  auto store = open();
  EXPECT_FALSE(store->settings().find("widget_identity_secret").has_value());
  store->settings().put("widget_identity_secret", "one");
  store->settings().put("widget_identity_secret", "two");
  EXPECT_EQ(store->settings().find("widget_identity_secret"), "two");
  EXPECT_EQ(open()->settings().shared("widget_identity_secret", "three"), "two");
}

TEST_P(SettingStoreTest, NodesRacingOnTheirFirstStartAllGetOneValue) {
  constexpr int kNodes = 4;
  std::vector<std::unique_ptr<Store>> nodes;
  for (int i = 0; i < kNodes; ++i) nodes.push_back(open());
  std::vector<std::string> got(kNodes);
  std::vector<std::thread> threads;
  for (int i = 0; i < kNodes; ++i) {
    threads.emplace_back(
        [&, i] { got[i] = nodes[i]->settings().shared("jwt_secret", "secret-of-node-" + std::to_string(i)); });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 1; i < kNodes; ++i) EXPECT_EQ(got[i], got[0]);
  EXPECT_EQ(nodes[0]->settings().shared("jwt_secret", "late"), got[0]);
  EXPECT_EQ(db_->number("SELECT count(*) FROM settings"), 1);
}

TEST_P(SettingStoreTest, RolledBackTransactionLeavesNoSetting) {
  auto store = open();
  EXPECT_THROW(store->run_in_transaction([](Store& s) {
    s.settings().shared("jwt_secret", "discarded");
    throw std::runtime_error("the job fails after storing it");
  }),
               std::runtime_error);
  EXPECT_EQ(store->settings().shared("jwt_secret", "kept"), "kept");
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(SettingStoreTest);

}  // namespace
}  // namespace livedesk::store
