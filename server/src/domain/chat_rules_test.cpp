#include <gtest/gtest.h>

#include <vector>

#include "domain/message_rules.hpp"
#include "domain/routing.hpp"
#include "domain/wait_estimate.hpp"
#include "domain/waiting_queue.hpp"

using namespace livedesk::domain;
using namespace std::chrono_literals;

TEST(WaitingQueue, OldestFirstWithOneBasedPositions) {
  WaitingQueue queue;
  queue.push(10, 3000);
  queue.push(11, 1000);
  queue.push(12, 2000);
  EXPECT_EQ(queue.ordered(), (std::vector<std::int64_t>{11, 12, 10}));
  EXPECT_EQ(queue.position(11), 1u);
  EXPECT_EQ(queue.position(10), 3u);
  EXPECT_EQ(queue.position(99), 0u);
  EXPECT_TRUE(queue.remove(12));
  EXPECT_FALSE(queue.remove(12));
  EXPECT_EQ(queue.position(10), 2u);
  EXPECT_EQ(queue.depth(), 2u);
}

TEST(WaitingQueue, PriorityThenRequeuedAheadOfTheirPriority) {
  WaitingQueue queue;
  queue.push(1, 1000);
  queue.push(2, 2000, /*priority=*/1);
  queue.push_front(3);
  queue.push_front(4);
  EXPECT_EQ(queue.ordered(), (std::vector<std::int64_t>{2, 3, 4, 1}));
  EXPECT_EQ(queue.front(), 2);
}

TEST(Routing, LeastLoadedActiveAgentThenIdleLongest) {
  const TimePoint t0{};
  std::vector<AgentLoad> agents{
      {1, AgentStatus::active, 2, 3, t0 + 1s},
      {2, AgentStatus::active, 1, 3, t0 + 5s},
      {3, AgentStatus::active, 1, 3, t0 + 2s},  // same load as 2, idle longer
      {4, AgentStatus::idle, 0, 3, t0},         // away
      {5, AgentStatus::active, 3, 3, t0},       // full
  };
  EXPECT_EQ(choose_agent(agents), 3);
  agents[2].open_chats = 3;
  EXPECT_EQ(choose_agent(agents), 2);
}

TEST(Routing, NobodyCanTake) {
  std::vector<AgentLoad> agents{{1, AgentStatus::in_call, 0, 3, {}}, {2, AgentStatus::offline, 0, 3, {}},
                                {3, AgentStatus::active, 0, 0, {}}};
  EXPECT_FALSE(choose_agent(agents).has_value());
  EXPECT_FALSE(choose_agent({}).has_value());
}

TEST(WaitEstimator, NullWithoutDataThenProportionalToPosition) {
  WaitEstimator estimator(15min);
  const TimePoint t0 = TimePoint{};
  EXPECT_FALSE(estimator.estimate_seconds(1, t0).has_value());
  for (int i = 0; i < 6; ++i) estimator.record_assignment(t0 + std::chrono::seconds(10 * i));
  // 6 assignments over at least a minute: 0.1 per second -> position 2 waits ~20 s.
  EXPECT_EQ(estimator.estimate_seconds(2, t0 + 60s), 20.0);
  EXPECT_FALSE(estimator.estimate_seconds(2, t0 + 60s + 16min).has_value());
}

TEST(MessageRules, TypesStatusesAndBodies) {
  EXPECT_TRUE(is_message_type("video"));
  EXPECT_FALSE(is_message_type("sticker"));
  EXPECT_LT(*receipt_rank("sent"), *receipt_rank("read"));
  EXPECT_FALSE(receipt_rank("failed").has_value());
  EXPECT_NE(text_body_problem(""), nullptr);
  EXPECT_NE(text_body_problem(" \n\t"), nullptr);
  EXPECT_NE(text_body_problem(std::string(8 * 1024 + 1, 'x')), nullptr);
  EXPECT_EQ(text_body_problem(std::string(8 * 1024, 'x')), nullptr);
}
