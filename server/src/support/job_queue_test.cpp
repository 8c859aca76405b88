#include "support/job_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

using livedesk::support::JobQueue;
using namespace std::chrono_literals;

namespace {
std::vector<int> as_vector(const std::deque<int>& batch) { return {batch.begin(), batch.end()}; }
}  // namespace

TEST(JobQueue, TakesOneAtATimeInPostingOrder) {
  JobQueue<int> queue;
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(queue.post(i));
  EXPECT_EQ(queue.pending(), 3u);
  EXPECT_EQ(queue.take_one(), 1);
  EXPECT_EQ(queue.take_one(), 2);
  EXPECT_EQ(queue.pending(), 1u);
}

TEST(JobQueue, StopRefusesNewJobsButDrainsTheQueuedOnes) {
  JobQueue<int> queue;
  queue.post(1);
  queue.post(2);
  queue.stop();
  queue.stop();  // idempotent
  EXPECT_FALSE(queue.post(3));
  EXPECT_EQ(queue.take_one(), 1);
  std::deque<int> batch;
  EXPECT_TRUE(queue.take_all(batch));
  EXPECT_EQ(as_vector(batch), std::vector<int>{2});
  EXPECT_FALSE(queue.take_all(batch));  // stopped and drained
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(queue.take_one(), std::nullopt);
}

TEST(JobQueue, TakeAllTakesEverythingQueuedUpToTheLimitOldestFirst) {
  JobQueue<int> queue;
  for (int i = 1; i <= 5; ++i) queue.post(i);
  std::deque<int> batch{99};  // a previous batch is emptied first
  ASSERT_TRUE(queue.take_all(batch, 2));
  EXPECT_EQ(as_vector(batch), (std::vector<int>{1, 2}));
  EXPECT_EQ(queue.pending(), 3u);
  ASSERT_TRUE(queue.take_all(batch));
  EXPECT_EQ(as_vector(batch), (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(queue.pending(), 0u);
}

TEST(JobQueue, ATakerWaitsForAPostAndStopWakesIt) {
  JobQueue<int> queue;
  auto taken = std::async(std::launch::async, [&] { return queue.take_one(); });
  EXPECT_EQ(taken.wait_for(50ms), std::future_status::timeout);
  queue.post(7);
  EXPECT_EQ(taken.get(), 7);

  auto batch_taker = std::async(std::launch::async, [&] {
    std::deque<int> batch;
    return queue.take_all(batch);
  });
  EXPECT_EQ(batch_taker.wait_for(50ms), std::future_status::timeout);
  queue.stop();
  EXPECT_FALSE(batch_taker.get());
}

TEST(JobQueue, TakeAllForReturnsAnEmptyBatchWhenTheWaitPasses) {
  JobQueue<int> queue;
  std::deque<int> batch;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(queue.take_all_for(batch, 30ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
  EXPECT_TRUE(batch.empty());
  queue.post(1);
  EXPECT_TRUE(queue.take_all_for(batch, 10s));
  EXPECT_EQ(as_vector(batch), std::vector<int>{1});
  queue.post(2);
  queue.stop();
  EXPECT_TRUE(queue.take_all_for(batch, 10s));  // stopped, but not yet drained
  EXPECT_EQ(as_vector(batch), std::vector<int>{2});
  EXPECT_FALSE(queue.take_all_for(batch, 10s));
}

TEST(JobQueue, PostIfLetsTheCallerRefuseOrNumberUnderTheLock) {
  JobQueue<int> queue;
  int next = 100;
  auto numbered_up_to_two = [&](int& job, std::size_t pending) {
    job = next++;
    return pending < 2;
  };
  EXPECT_TRUE(queue.post_if(0, numbered_up_to_two));
  EXPECT_TRUE(queue.post_if(0, numbered_up_to_two));
  EXPECT_FALSE(queue.post_if(0, numbered_up_to_two));  // refused: it still used up 102
  EXPECT_EQ(queue.take_one(), 100);
  EXPECT_TRUE(queue.post_if(0, numbered_up_to_two));
  queue.stop();
  EXPECT_FALSE(queue.post_if(0, numbered_up_to_two));  // admit runs, stop refuses
  EXPECT_EQ(next, 105);
  std::deque<int> batch;
  queue.take_all(batch);
  EXPECT_EQ(as_vector(batch), (std::vector<int>{101, 103}));
}

TEST(JobQueue, ClearDropsWhatIsQueuedAndSaysHowMuch) {
  JobQueue<int> queue;
  queue.post(1);
  queue.post(2);
  EXPECT_EQ(queue.clear(), 2u);
  EXPECT_EQ(queue.pending(), 0u);
  EXPECT_TRUE(queue.post(3));  // still open
  EXPECT_EQ(queue.take_one(), 3);
}

TEST(JobQueue, WaitForStopSleepsUntilTheTimeoutOrStop) {
  JobQueue<int> queue;
  queue.post(1);  // a post is no reason to wake
  EXPECT_FALSE(queue.wait_for_stop(20ms));
  auto waiter = std::async(std::launch::async, [&] { return queue.wait_for_stop(60s); });
  queue.stop();
  EXPECT_TRUE(waiter.get());
}

TEST(JobQueue, SeveralTakersGetEveryJobExactlyOnce) {
  JobQueue<int> queue;
  std::atomic<long> sum{0};
  std::atomic<int> count{0};
  std::vector<std::thread> takers;
  for (int t = 0; t < 4; ++t)
    takers.emplace_back([&] {
      while (auto job = queue.take_one()) {
        sum += *job;
        ++count;
      }
    });
  for (int i = 1; i <= 10000; ++i) queue.post(i);
  queue.stop();
  for (auto& taker : takers) taker.join();
  EXPECT_EQ(count, 10000);
  EXPECT_EQ(sum, 10000L * 10001 / 2);
}
