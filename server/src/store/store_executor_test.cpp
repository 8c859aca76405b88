#include "store/store_executor.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support/temp_directory.hpp"

namespace livedesk::store {
namespace {

using test_support::TempDirectory;

AuditEntry numbered_entry(int producer, int job) {
  AuditEntry entry;
  entry.at_ms = 1'700'000'000'000 + job;
  entry.action = "test.job";
  entry.target_type = "producer";
  entry.target_id = std::to_string(producer) + "/" + std::to_string(job);
  return entry;
}

TEST(StoreExecutor, RunsEveryJobPostedFromManyThreadsBeforeStopReturns) {
  TempDirectory dir;
  const auto database = dir.path() / "executor.db";
  constexpr int kProducers = 4;
  constexpr int kJobsEach = 250;

  int jobs_run = 0;  // touched only by the store thread, so no atomics needed
  std::set<std::thread::id> store_threads;
  {
    StoreExecutor executor(open_sqlite_store(database));
    std::atomic<int> accepted{0};
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p) {
      producers.emplace_back([&, p] {
        for (int j = 0; j < kJobsEach; ++j) {
          const bool posted = executor.post([&, p, j](Store& store) {
            store.append_audit(numbered_entry(p, j));
            ++jobs_run;
            store_threads.insert(std::this_thread::get_id());
          });
          if (posted) ++accepted;
        }
      });
    }
    for (auto& producer : producers) producer.join();
    EXPECT_EQ(accepted.load(), kProducers * kJobsEach);
    executor.stop();
    EXPECT_EQ(executor.pending(), 0u);
    EXPECT_FALSE(executor.post([](Store&) {}));
  }
  EXPECT_EQ(jobs_run, kProducers * kJobsEach);
  EXPECT_EQ(store_threads.size(), 1u);
  EXPECT_EQ(store_threads.count(std::this_thread::get_id()), 0u);

  // Every write reached the file, not just the in-memory job count.
  auto reopened = open_sqlite_store(database);
  EXPECT_EQ(reopened->list_audit(0, 10 * kProducers * kJobsEach).size(),
            static_cast<std::size_t>(kProducers * kJobsEach));
}

TEST(StoreExecutor, SurvivesJobsThatThrow) {
  TempDirectory dir;
  StoreExecutor executor(open_sqlite_store(dir.path() / "throwing.db"));
  bool later_job_ran = false;
  executor.post([](Store&) { throw std::runtime_error("expected in test: job failure"); });
  executor.post([](Store&) { throw 42; });
  executor.post([](Store& store) { store.create_user({"dup", "Dup", domain::Role::agent, "h", 0}); });
  executor.post([](Store& store) { store.create_user({"dup", "Dup", domain::Role::agent, "h", 0}); });
  executor.post([&](Store& store) { later_job_ran = store.ping(); });
  executor.stop();
  EXPECT_TRUE(later_job_ran);
}

TEST(StoreExecutor, RejectsMissingStore) {
  EXPECT_THROW(StoreExecutor(nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace livedesk::store
