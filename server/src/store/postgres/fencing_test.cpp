// Fencing on PostgreSQL: a Store with a fencing token writes only while the
// token is the cluster's current lead; an election waits for a transaction
// that proved the old token; and a batch of the store executor that cannot
// begin tells each job's caller instead of leaving it waiting.
#include <gtest/gtest.h>

#include <future>
#include <pqxx/pqxx>

#include "store/contract/store_test_fixture.hpp"
#include "store/postgres/leader_lease.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/store_executor.hpp"
#include "store/test_support/pg_test_database.hpp"

namespace livedesk::store {
namespace {
using namespace std::chrono_literals;
using test_support::PgTestDatabase;
using test_support::staff;

class FencingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto url = test_support::postgres_test_url();
    if (!url) GTEST_SKIP() << test_support::kNoPostgres;
    db_ = std::make_unique<PgTestDatabase>(*url);
    admin_ = std::make_unique<pqxx::connection>(db_->url_named("fencing_admin"));
    create_leader_tables(*admin_);
    set_leader("node-a", 1);
  }

  void set_leader(const std::string& node, std::int64_t epoch) {
    pqxx::nontransaction(*admin_).exec_params(
        "INSERT INTO cluster_leader (id, node_id, url, epoch, since_ms, backend, renewed_ms, ready) "
        "VALUES (1, $1, '', $2, 0, $1, 0, true) ON CONFLICT (id) DO UPDATE SET node_id = EXCLUDED.node_id, "
        "epoch = EXCLUDED.epoch",
        node, epoch);
  }

  std::unique_ptr<PgTestDatabase> db_;
  std::unique_ptr<pqxx::connection> admin_;
};

TEST_F(FencingTest, WritesOnlyWhileTheTokenIsCurrentAndNothingOfARefusedOne) {
  auto store = db_->open();
  store->fence_writes(FencingToken{"node-a", 1});
  store->run_in_transaction([](Store& s) { s.accounts().create(staff("amy")); });
  store->accounts().create(staff("bob"));  // a write outside any transaction proves it too

  set_leader("node-b", 2);  // a successor was elected
  EXPECT_THROW(store->run_in_transaction([](Store& s) { s.accounts().create(staff("cat")); }), FencedError);
  EXPECT_THROW(store->accounts().create(staff("dan")), FencedError);
  EXPECT_FALSE(store->accounts().find_by_username("cat").has_value());
  EXPECT_FALSE(store->accounts().find_by_username("dan").has_value());
  EXPECT_EQ(store->accounts().list().size(), 2u) << "reads are not fenced";

  store->fence_writes(FencingToken{"node-b", 2});
  store->accounts().create(staff("eve"));
  store->fence_writes(std::nullopt);
  set_leader("node-c", 3);
  store->accounts().create(staff("fay"));  // unfenced again
  EXPECT_EQ(store->accounts().list().size(), 4u);
}

TEST_F(FencingTest, AnElectionWaitsForATransactionThatProvedTheOldTokenWhileRenewalsPass) {
  auto store = db_->open();
  store->fence_writes(FencingToken{"node-a", 1});
  // From another connection, while the fenced transaction is open: SQLSTATE, or "ok".
  const auto try_statement = [this](const char* sql) -> std::string {
    pqxx::work other(*admin_);
    other.exec("SET LOCAL lock_timeout = '200ms'");
    try {
      other.exec(sql);
      other.commit();
      return "ok";
    } catch (const pqxx::sql_error& error) {
      return error.sqlstate();
    }
  };
  std::string renewal, election;
  store->run_in_transaction([&](Store& s) {
    s.accounts().create(staff("amy"));
    renewal = try_statement("UPDATE cluster_leader SET renewed_ms = renewed_ms + 1 WHERE id = 1");
    election = try_statement("SELECT 1 FROM cluster_leader WHERE id = 1 FOR UPDATE");
  });
  EXPECT_EQ(renewal, "ok") << "the leader's renewal must not wait for its own writes";
  EXPECT_EQ(election, "55P03") << "lock_not_available: a claim must wait for the fenced commit";
  EXPECT_EQ(try_statement("SELECT 1 FROM cluster_leader WHERE id = 1 FOR UPDATE"), "ok") << "and not after it";
}

TEST_F(FencingTest, AFencedBatchRunsNoJobAndTellsEachCaller) {
  auto store = db_->open();
  store->fence_writes(FencingToken{"node-a", 1});
  set_leader("node-b", 2);
  StoreExecutor executor(std::move(store));
  std::promise<std::string> told;
  bool ran = false;
  executor.post_write([&](Store& s, CommitHooks&) {
    ran = true;
    s.accounts().create(staff("amy"));
  },
                      [&](const std::exception& why) {
                        told.set_value(dynamic_cast<const FencedError*>(&why) ? "fenced" : why.what());
                      });
  auto answer = told.get_future();
  ASSERT_EQ(answer.wait_for(30s), std::future_status::ready);
  EXPECT_EQ(answer.get(), "fenced");

  // In posting order: after fence_writes(nullopt), jobs write again.
  executor.fence_writes(std::nullopt);
  std::promise<bool> wrote;
  executor.post([&](Store& s) { wrote.set_value(s.accounts().create(staff("bob")) > 0); });
  auto result = wrote.get_future();
  ASSERT_EQ(result.wait_for(30s), std::future_status::ready);
  EXPECT_TRUE(result.get());
  executor.stop();
  EXPECT_FALSE(ran);
}

TEST_F(FencingTest, ABatchWhoseConnectionBrokeWhileIdleRunsOnAFreshOne) {
  StoreExecutor executor(db_->open());
  std::promise<void> first;
  executor.post([&](Store& s) {
    s.accounts().create(staff("amy"));
    first.set_value();
  });
  first.get_future().wait();
  ASSERT_GE(db_->cut_store_connections(), 1);
  std::promise<std::string> second;
  executor.post([&](Store& s) { second.set_value(s.accounts().find_by_username("amy")->username); },
                [&](const std::exception& why) { second.set_value(std::string("unrun: ") + why.what()); });
  auto answer = second.get_future();
  ASSERT_EQ(answer.wait_for(30s), std::future_status::ready);
  EXPECT_EQ(answer.get(), "amy");
}

}  // namespace
}  // namespace livedesk::store
