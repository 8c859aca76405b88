// Shared settings (migration 4), in every store: the first value stored wins,
// for every node on the database.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

// A fresh database per test; each open() is another node on it.
class SettingsStoreTest : public test_support::StoreTest {};

TEST_P(SettingsStoreTest, StoresTheValueWhenAbsentAndKeepsTheFirst) {
  auto store = open();
  EXPECT_EQ(store->shared_setting("jwt_secret", "first"), "first");
  EXPECT_EQ(store->shared_setting("jwt_secret", "second"), "first");
  EXPECT_EQ(store->shared_setting("other", "o'ther \"value\" ünï"), "o'ther \"value\" ünï");
  EXPECT_EQ(db_->number("SELECT count(*) FROM settings"), 2);

  // Another node (its own connection) finds the stored value, inside a transaction too.
  auto node2 = open();
  std::string seen;
  node2->run_in_transaction([&](Store& s) { seen = s.shared_setting("jwt_secret", "node2's own"); });
  EXPECT_EQ(seen, "first");
}

TEST_P(SettingsStoreTest, NodesRacingOnTheirFirstStartAllGetOneValue) {
  constexpr int kNodes = 4;
  std::vector<std::unique_ptr<Store>> nodes;
  for (int i = 0; i < kNodes; ++i) nodes.push_back(open());
  std::vector<std::string> got(kNodes);
  std::vector<std::thread> threads;
  for (int i = 0; i < kNodes; ++i) {
    threads.emplace_back(
        [&, i] { got[i] = nodes[i]->shared_setting("jwt_secret", "secret-of-node-" + std::to_string(i)); });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 1; i < kNodes; ++i) EXPECT_EQ(got[i], got[0]);
  EXPECT_EQ(nodes[0]->shared_setting("jwt_secret", "late"), got[0]);
  EXPECT_EQ(db_->number("SELECT count(*) FROM settings"), 1);
}

TEST_P(SettingsStoreTest, RolledBackTransactionLeavesNoSetting) {
  auto store = open();
  EXPECT_THROW(store->run_in_transaction([](Store& s) {
    s.shared_setting("jwt_secret", "discarded");
    throw std::runtime_error("the job fails after storing it");
  }),
               std::runtime_error);
  EXPECT_EQ(store->shared_setting("jwt_secret", "kept"), "kept");
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(SettingsStoreTest);

}  // namespace
}  // namespace livedesk::store
