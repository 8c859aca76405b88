#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "realtime/frame_queue.hpp"
#include "realtime/topic_hub.hpp"

using namespace livedesk::realtime;

namespace {
// Records what it is handed, like a session without a socket.
struct RecordingSubscriber : Subscriber {
  void deliver(const Frame& frame) override {
    std::lock_guard lock(mutex);
    frames.push_back(frame);
  }
  std::mutex mutex;
  std::vector<Frame> frames;
};
}  // namespace

TEST(TopicHub, DeliversOneSharedBufferToEverySubscriber) {
  TopicHub hub;
  auto a = std::make_shared<RecordingSubscriber>();
  auto b = std::make_shared<RecordingSubscriber>();
  auto other = std::make_shared<RecordingSubscriber>();
  hub.subscribe("session:1", a);
  hub.subscribe("session:1", b);
  hub.subscribe("session:1", b);  // twice is once
  hub.subscribe("session:2", other);
  const Frame frame = make_frame(R"({"type":"x"})");
  EXPECT_EQ(hub.publish("session:1", frame), 2u);
  ASSERT_EQ(a->frames.size(), 1u);
  ASSERT_EQ(b->frames.size(), 1u);
  EXPECT_EQ(a->frames[0].get(), frame.get());  // the same buffer, not a copy
  EXPECT_EQ(b->frames[0].get(), frame.get());
  EXPECT_TRUE(other->frames.empty());
}

TEST(TopicHub, SeveralTopicsDeliverOncePerSubscriber) {
  TopicHub hub;
  auto agent = std::make_shared<RecordingSubscriber>();
  hub.subscribe("agent:3", agent);
  hub.subscribe("session:9", agent);
  EXPECT_EQ(hub.publish({"agent:3", "session:9", "nobody"}, make_frame("m")), 1u);
  EXPECT_EQ(agent->frames.size(), 1u);
}

TEST(TopicHub, UnsubscribeAndGoneSubscribersStopReceiving) {
  TopicHub hub;
  auto a = std::make_shared<RecordingSubscriber>();
  auto b = std::make_shared<RecordingSubscriber>();
  hub.subscribe("t", a);
  hub.subscribe("u", a);
  hub.subscribe("t", b);
  hub.unsubscribe_all(a.get());
  EXPECT_EQ(hub.subscriber_count("u"), 0u);
  b.reset();  // the connection closed without unsubscribing
  EXPECT_EQ(hub.publish("t", make_frame("x")), 0u);
  EXPECT_TRUE(a->frames.empty());
}

TEST(TopicHub, ConcurrentPublishAndSubscribeIsSafe) {
  TopicHub hub;
  std::vector<std::shared_ptr<RecordingSubscriber>> subs;
  for (int i = 0; i < 50; ++i) subs.push_back(std::make_shared<RecordingSubscriber>());
  std::thread churn([&] {
    for (int round = 0; round < 200; ++round)
      for (auto& s : subs) {
        hub.subscribe("t", s);
        if (round % 2) hub.unsubscribe("t", s.get());
      }
  });
  for (int i = 0; i < 2000; ++i) hub.publish("t", make_frame("x"));
  churn.join();
  SUCCEED();
}

TEST(FrameQueue, RefusesPastItsByteBudget) {
  FrameQueue queue(10);
  EXPECT_TRUE(queue.push(make_frame("12345")));
  EXPECT_TRUE(queue.push(make_frame("12345")));
  EXPECT_FALSE(queue.push(make_frame("1")));
  EXPECT_EQ(queue.bytes(), 10u);
  queue.pop();
  EXPECT_EQ(queue.bytes(), 5u);
  EXPECT_TRUE(queue.push(make_frame("1")));
  EXPECT_EQ(queue.front()->text, "12345");
}

TEST(FrameQueue, ANewerSnapshotReplacesTheQueuedOneInPlace) {
  FrameQueue queue(100);
  ASSERT_TRUE(queue.push(make_frame("small-1")));                  // on the wire
  ASSERT_TRUE(queue.push_latest(make_frame("snapA"), 7, true));
  ASSERT_TRUE(queue.push(make_frame("small-2")));
  ASSERT_TRUE(queue.push_latest(make_frame("snapshot-B"), 7, true));  // replaces snapA, keeps its place
  EXPECT_EQ(queue.bytes(), std::string("small-1snapshot-Bsmall-2").size());
  std::vector<std::string> order;
  while (!queue.empty()) {
    order.push_back(queue.front()->text);
    queue.pop();
  }
  EXPECT_EQ(order, (std::vector<std::string>{"small-1", "snapshot-B", "small-2"}));
}

TEST(FrameQueue, TheFrameOnTheWireIsNeverReplaced) {
  FrameQueue queue(100);
  ASSERT_TRUE(queue.push_latest(make_frame("old"), 3, true));
  ASSERT_TRUE(queue.push_latest(make_frame("new"), 3, true));
  EXPECT_EQ(queue.front()->text, "old");
  queue.pop();
  EXPECT_EQ(queue.front()->text, "new");
}
