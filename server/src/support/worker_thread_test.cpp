#include "support/worker_thread.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

using livedesk::support::WorkerThread;

TEST(WorkerThread, RunsJobsInOrderAndDrainsOnStop) {
  std::vector<int> seen;
  {
    WorkerThread worker("test");
    for (int i = 0; i < 1000; ++i) worker.post([&seen, i] { seen.push_back(i); });
    worker.stop();
    EXPECT_FALSE(worker.post([] {}));
  }
  ASSERT_EQ(seen.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(seen[i], i);
}
