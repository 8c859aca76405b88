#include "store/store_executor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <string>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

// Against every backend: the executor must not care which one it drives.
class StoreExecutorTest : public test_support::StoreTest {};

AuditEntry numbered_entry(int producer, int job) {
  AuditEntry entry;
  entry.at_ms = 1'700'000'000'000 + job;
  entry.action = "test.job";
  entry.target_type = "producer";
  entry.target_id = std::to_string(producer) + "/" + std::to_string(job);
  return entry;
}

TEST_P(StoreExecutorTest, RunsEveryJobPostedFromManyThreadsBeforeStopReturns) {
  constexpr int kProducers = 4;
  constexpr int kJobsEach = 250;

  int jobs_run = 0;  // touched only by the store thread, so no atomics needed
  std::set<std::thread::id> store_threads;
  {
    StoreExecutor executor(open());
    std::atomic<int> accepted{0};
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p) {
      producers.emplace_back([&, p] {
        for (int j = 0; j < kJobsEach; ++j) {
          const bool posted = executor.post([&, p, j](Store& store) {
            store.audit().append(numbered_entry(p, j));
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
  auto reopened = open();
  EXPECT_EQ(reopened->audit().list(0, 10 * kProducers * kJobsEach).size(),
            static_cast<std::size_t>(kProducers * kJobsEach));
}

TEST_P(StoreExecutorTest, ReadsRunOnReaderConnectionsAndSeeWhatCommittedBefore) {
  std::vector<std::unique_ptr<Store>> readers;
  readers.push_back(open());
  readers.push_back(open());
  StoreExecutor executor(open(), 4096, std::move(readers));
  std::promise<std::thread::id> written;
  executor.post([&](Store& store) {
    store.accounts().create({"reader-test", "R", domain::Role::agent, "h", 0});
    written.set_value(std::this_thread::get_id());
  });
  const auto store_thread = written.get_future().get();
  // The job's promise is kept inside the batch; wait for the commit with a second job.
  std::promise<void> committed;
  executor.post_write([&](Store&, CommitHooks& hooks) { hooks.after_commit([&](bool) { committed.set_value(); }); });
  committed.get_future().get();

  std::mutex mutex;
  std::set<std::thread::id> reader_threads;
  std::atomic<int> found{0};
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(executor.post_read([&](Store& store) {
      if (store.accounts().find_by_username("reader-test")) ++found;
      std::lock_guard lock(mutex);
      reader_threads.insert(std::this_thread::get_id());
    }));
  executor.stop();  // drains the reads too
  EXPECT_EQ(found.load(), 50);
  EXPECT_EQ(reader_threads.count(store_thread), 0u);
  EXPECT_LE(reader_threads.size(), 2u);
  EXPECT_FALSE(executor.post_read([](Store&) {}));
}

TEST_P(StoreExecutorTest, WithoutReadersReadsRunOnTheStoreThread) {
  StoreExecutor executor(open());
  std::promise<std::thread::id> write_thread, read_thread;
  executor.post([&](Store&) { write_thread.set_value(std::this_thread::get_id()); });
  executor.post_read([&](Store&) { read_thread.set_value(std::this_thread::get_id()); });
  EXPECT_EQ(write_thread.get_future().get(), read_thread.get_future().get());
}

TEST_P(StoreExecutorTest, SurvivesJobsThatThrow) {
  StoreExecutor executor(open());
  bool later_job_ran = false;
  executor.post([](Store&) { throw std::runtime_error("expected in test: job failure"); });
  executor.post([](Store&) { throw 42; });
  executor.post([](Store& store) { store.accounts().create({"dup", "Dup", domain::Role::agent, "h", 0}); });
  executor.post([](Store& store) { store.accounts().create({"dup", "Dup", domain::Role::agent, "h", 0}); });
  executor.post([&](Store& store) { later_job_ran = store.ping(); });
  executor.stop();
  EXPECT_TRUE(later_job_ran);
}

TEST(StoreExecutor, RejectsMissingStore) {
  EXPECT_THROW(StoreExecutor(nullptr), std::invalid_argument);
}

TEST_P(StoreExecutorTest, GroupCommitHooksRunAfterCommitAndAFailingJobRollsBackAlone) {
  livedesk::store::StoreExecutor executor(open());
  std::vector<std::string> outcomes;
  std::mutex mutex;
  auto record = [&](std::string what) {
    std::lock_guard lock(mutex);
    outcomes.push_back(std::move(what));
  };
  // The store thread waits until every job is queued, so they form one batch however slowly they are posted
  // (under ThreadSanitizer the thread could otherwise commit job 0 alone before job 1 arrives).
  std::promise<void> all_posted;
  executor.post([queued = all_posted.get_future().share()](livedesk::store::Store&) { queued.wait(); });
  for (int i = 0; i < 3; ++i) {
    executor.post_write([&, i](livedesk::store::Store& s, livedesk::store::CommitHooks& hooks) {
      livedesk::store::NewStaffUser user{"user" + std::to_string(i), "U", livedesk::domain::Role::agent, "hash", 1};
      s.accounts().create(user);
      hooks.after_commit([&, i](bool ok) { record("job" + std::to_string(i) + (ok ? ":ok" : ":failed")); });
      if (i == 1) throw std::runtime_error("job 1 fails after writing");
    });
  }
  executor.post([&](livedesk::store::Store& s) {
    record(s.accounts().find_by_username("user1") ? "user1 present" : "user1 absent");
    record(s.accounts().find_by_username("user2") ? "user2 present" : "user2 absent");
  });
  all_posted.set_value();
  executor.stop();
  ASSERT_EQ(outcomes.size(), 5u);
  EXPECT_EQ(outcomes[0], "job1:failed");  // the failure is reported at once, inside the batch
  EXPECT_TRUE(std::find(outcomes.begin(), outcomes.end(), "job0:ok") != outcomes.end());
  EXPECT_TRUE(std::find(outcomes.begin(), outcomes.end(), "job2:ok") != outcomes.end());
  EXPECT_TRUE(std::find(outcomes.begin(), outcomes.end(), "user1 absent") != outcomes.end());
  EXPECT_TRUE(std::find(outcomes.begin(), outcomes.end(), "user2 present") != outcomes.end());
}

TEST_P(StoreExecutorTest, RecordsEachCommittedBatchsSizeLatencyAndBusyTime) {
  support::ServerMetrics metrics;
  constexpr int kJobs = 20;
  {
    StoreExecutor executor(open(), 4096, {}, &metrics);
    // Every job queued while the first waits: the rest commit together, at most two batches in all.
    std::promise<void> all_posted;
    executor.post([queued = all_posted.get_future().share()](Store&) { queued.wait(); });
    for (int i = 0; i < kJobs; ++i)
      executor.post([i](Store& s) { s.audit().append(numbered_entry(0, i)); });
    all_posted.set_value();
    executor.stop();
  }
  const auto batches = metrics.commit_batch_size.cumulative_counts().back();
  EXPECT_GE(batches, 1u);
  EXPECT_LE(batches, 2u);
  EXPECT_EQ(metrics.commit_batch_size.sum(), kJobs + 1);
  EXPECT_EQ(metrics.commit_seconds.cumulative_counts().back(), batches);
  EXPECT_GT(metrics.commit_seconds.sum(), 0);
  EXPECT_GT(metrics.store_busy.units(), 0u);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(StoreExecutorTest);

}  // namespace
}  // namespace livedesk::store
