#include "bus/redis_bus.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <future>
#include <thread>

#include "bus/envelope.hpp"
#include "bus/redis_test_util.hpp"
#include "support/test_services_util.hpp"

namespace livedesk::bus {
namespace {

using namespace std::chrono_literals;
using test::ChildRedis;
using test::eventually;
using test::Recorder;

std::string shared_redis_url() { return support::test_service("LIVEDESK_TEST_REDIS_URL").value_or(""); }

#define REQUIRE_REDIS()                                                          \
  if (shared_redis_url().empty()) GTEST_SKIP() << "no LIVEDESK_TEST_REDIS_URL";

// A channel no other test (or test process) on the shared Redis uses.
std::string own_channel() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  static int run = 0;
  return "livedesk:test:" + std::to_string(::getpid()) + ":" + info->name() + ":" + std::to_string(++run);
}

RedisBusOptions options(std::string url, std::string node_id, std::string channel) {
  // Short reconnect delays keep the tests quick; the timeouts stay as in production.
  RedisBusOptions o;
  o.url = std::move(url);
  o.node_id = std::move(node_id);
  o.channel = std::move(channel);
  o.reconnect_initial = 10ms;
  o.reconnect_max = 200ms;
  return o;
}

// One node: its delivery thread, its bus, what its listeners heard. Members in
// this order so the recorder outlives the jobs the delivery thread still runs.
struct Node {
  Recorder heard;
  std::atomic<int> resyncs_seen{0};
  std::atomic<bool> resync_off_delivery{false};
  std::thread::id delivery_thread;
  support::WorkerThread delivery{"test-delivery"};
  RedisBus bus;

  Node(const std::string& url, const std::string& id, const std::string& channel)
      : bus(delivery_with_known_id(), options(url, id, channel)) {
    bus.listen(heard.listener());
    bus.on_resync([this] {
      if (std::this_thread::get_id() != delivery_thread) resync_off_delivery = true;
      ++resyncs_seen;
    });
  }

  // Learns the delivery thread's id before the bus exists: the bus's first resync may be queued there at once,
  // and jobs run in order, so every later job sees the id.
  support::WorkerThread& delivery_with_known_id() {
    std::promise<std::thread::id> id_promise;
    delivery.post([&] { id_promise.set_value(std::this_thread::get_id()); });
    delivery_thread = id_promise.get_future().get();
    return delivery;
  }
};

Event depth(std::size_t value, std::size_t tag) { return QueueDepthChanged{value, tag}; }

std::vector<std::size_t> iota(std::size_t from, std::size_t to) {
  std::vector<std::size_t> out;
  for (auto i = from; i < to; ++i) out.push_back(i);
  return out;
}

TEST(RedisBus, AnEventReachesEachNodesListenersOnce) {
  REQUIRE_REDIS();
  auto channel = own_channel();
  Node a(shared_redis_url(), "a", channel), b(shared_redis_url(), "b", channel);
  ASSERT_TRUE(eventually([&] { return a.bus.connected() && b.bus.connected(); }));

  a.bus.publish(depth(1, 0));
  ASSERT_TRUE(eventually([&] { return b.heard.count() == 1; }));
  // B answers after hearing it; when A hears that, its own echo of the first
  // event (earlier on the channel) has been read and must have been skipped.
  b.bus.publish(depth(2, 0));
  ASSERT_TRUE(eventually([&] { return a.heard.count() >= 2 && b.heard.count() >= 2; }));
  EXPECT_EQ(a.heard.depths(0), (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(b.heard.depths(0), (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(a.bus.received(), 1u);
  EXPECT_EQ(b.bus.received(), 1u);
  EXPECT_TRUE(eventually([&] { return a.bus.published() == 1 && b.bus.published() == 1; }));
  EXPECT_EQ(a.bus.dropped() + b.bus.dropped() + a.bus.resyncs() + b.bus.resyncs(), 0u);
}

TEST(RedisBus, AThousandEventsArriveInOrder) {
  REQUIRE_REDIS();
  auto channel = own_channel();
  Node a(shared_redis_url(), "a", channel), b(shared_redis_url(), "b", channel);
  ASSERT_TRUE(eventually([&] { return a.bus.connected() && b.bus.connected(); }));

  for (std::size_t i = 0; i < 1000; ++i) a.bus.publish(depth(i, 7));
  ASSERT_TRUE(eventually([&] { return b.heard.count() == 1000; })) << b.heard.count();
  EXPECT_EQ(b.heard.depths(7), iota(0, 1000));
  EXPECT_TRUE(eventually([&] { return a.heard.count() == 1000; }));
  EXPECT_EQ(a.heard.depths(7), iota(0, 1000));
  EXPECT_EQ(a.bus.dropped(), 0u);
  EXPECT_EQ(b.bus.resyncs(), 0u);
}

TEST(RedisBus, EventsFlowBothWays) {
  REQUIRE_REDIS();
  auto channel = own_channel();
  Node a(shared_redis_url(), "a", channel), b(shared_redis_url(), "b", channel);
  ASSERT_TRUE(eventually([&] { return a.bus.connected() && b.bus.connected(); }));

  for (std::size_t i = 0; i < 200; ++i) {
    a.bus.publish(depth(i, 1));
    b.bus.publish(depth(i, 2));
  }
  for (Node* node : {&a, &b}) {
    ASSERT_TRUE(eventually([&] { return node->heard.count() == 400; })) << node->heard.count();
    EXPECT_EQ(node->heard.depths(1), iota(0, 200));
    EXPECT_EQ(node->heard.depths(2), iota(0, 200));
    EXPECT_EQ(node->bus.received(), 200u);
    EXPECT_EQ(node->bus.resyncs(), 0u);
  }
}

TEST(RedisBus, WithoutRedisEventsAreStillDeliveredLocallyAndDropsCounted) {
  Node lonely("redis://127.0.0.1:" + std::to_string(test::free_port()), "lonely", "livedesk:events");
  for (std::size_t i = 0; i < 50; ++i) lonely.bus.publish(depth(i, 3));
  ASSERT_TRUE(eventually([&] { return lonely.heard.count() == 50; }));
  EXPECT_EQ(lonely.heard.depths(3), iota(0, 50));
  EXPECT_EQ(lonely.bus.dropped(), 50u);
  EXPECT_EQ(lonely.bus.published(), 0u);
  EXPECT_FALSE(lonely.bus.connected());

  bool ran = false;
  lonely.bus.after_delivered([&] { ran = true; });
  lonely.delivery.stop();
  EXPECT_TRUE(ran);
}

TEST(RedisBus, StopIsPromptIdempotentAndLocalDeliveryOutlivesIt) {
  REQUIRE_REDIS();
  Node node(shared_redis_url(), "n", own_channel());
  ASSERT_TRUE(eventually([&] { return node.bus.connected(); }));
  auto started = std::chrono::steady_clock::now();
  node.bus.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
  node.bus.stop();
  EXPECT_FALSE(node.bus.connected());
  node.bus.publish(depth(1, 4));
  ASSERT_TRUE(eventually([&] { return node.heard.count() == 1; }));
  EXPECT_EQ(node.bus.dropped(), 1u);
}

TEST(RedisBus, AfterDeliveredRunsOnceEarlierEventsReachedTheListeners) {
  Node node("redis://127.0.0.1:" + std::to_string(test::free_port()), "n", "livedesk:events");
  for (std::size_t i = 0; i < 100; ++i) node.bus.publish(depth(i, 5));
  std::atomic<std::size_t> seen_then{0};
  node.bus.after_delivered([&] { seen_then = node.heard.count(); });
  node.delivery.stop();
  EXPECT_EQ(seen_then, 100u);
}

TEST(RedisBus, RedisRestartReconnectsResyncsAndEventsFlowAgain) {
  ChildRedis redis;
  auto channel = own_channel();
  Node a(redis.url(), "a", channel), b(redis.url(), "b", channel);
  ASSERT_TRUE(eventually([&] { return a.bus.connected() && b.bus.connected(); }));
  a.bus.publish(depth(0, 6));
  ASSERT_TRUE(eventually([&] { return b.heard.count() == 1; }));

  redis.kill();
  ASSERT_TRUE(eventually([&] { return !a.bus.connected() && !b.bus.connected(); }));
  for (std::size_t i = 1; i <= 5; ++i) a.bus.publish(depth(i, 6));  // nobody else can hear these
  ASSERT_TRUE(eventually([&] { return a.heard.count() == 6; }));
  // Counted once A's publisher has given them up, so it holds no connection from before.
  ASSERT_TRUE(eventually([&] { return a.bus.dropped() >= 5; }));

  ASSERT_TRUE(redis.start());
  ASSERT_TRUE(eventually([&] { return a.bus.connected() && b.bus.connected(); }));
  ASSERT_TRUE(eventually([&] { return b.resyncs_seen >= 1; }));
  EXPECT_FALSE(b.resync_off_delivery);
  for (std::size_t i = 6; i < 106; ++i) a.bus.publish(depth(i, 6));
  ASSERT_TRUE(eventually([&] { return b.heard.count() == 101; })) << b.heard.count();
  auto expected = iota(6, 106);
  expected.insert(expected.begin(), 0);
  EXPECT_EQ(b.heard.depths(6), expected);
  EXPECT_EQ(a.heard.depths(6), iota(0, 106));
}

TEST(RedisBus, AFirstConnectAfterRetriesResyncs) {
  ChildRedis redis;
  redis.kill();
  auto channel = own_channel();
  Node late(redis.url(), "late", channel);
  // Both threads have failed a few times each (they retry on the same schedule).
  ASSERT_TRUE(eventually([&] { return late.bus.connect_failures() >= 6; }));
  EXPECT_FALSE(late.bus.connected());
  ASSERT_TRUE(redis.start());
  ASSERT_TRUE(eventually([&] { return late.bus.connected() && late.resyncs_seen == 1; }));
}

TEST(RedisBus, KeepsRetryingAServerThatResetsItsConnections) {
  test::ResettingServer server;
  support::WorkerThread delivery("test-delivery");
  auto settings = options(server.url(), "n", "livedesk:events");
  settings.heartbeat = 20ms;  // the publisher writes (PING) soon after each reset, too
  RedisBus bus(delivery, settings);
  ASSERT_TRUE(eventually([&] { return server.accepted() >= 10; }));
  EXPECT_FALSE(bus.connected());
}

TEST(RedisBus, GapsRestartsAndUndecodableEnvelopesFromOtherNodes) {
  REQUIRE_REDIS();
  auto channel = own_channel();
  Node b(shared_redis_url(), "b", channel);
  ASSERT_TRUE(eventually([&] { return b.bus.connected(); }));
  RedisConnection raw(parse_redis_url(shared_redis_url()), 1000ms);
  auto send = [&](const std::string& payload) { raw.command({"PUBLISH", channel, payload}); };

  send(encode_envelope("x", 1, depth(1, 8)));
  send(encode_envelope("x", 2, depth(2, 8)));
  send(encode_envelope("x", 5, depth(5, 8)));  // 3 and 4 never came: resync
  send("not json at all");
  send(encode_envelope("b", 9, depth(99, 8)));  // b's own: already delivered by b
  send(encode_envelope("x", 1, depth(1, 8)));  // x restarted: nothing of its new run missed
  send(R"({"origin":"x","n":2,"event":{"type":"from_a_newer_build","data":{}}})");
  send(encode_envelope("y", 40, depth(40, 8)));  // first heard of y: its baseline
  send(encode_envelope("x", 3, depth(3, 8)));

  ASSERT_TRUE(eventually([&] { return b.heard.count() == 6; })) << b.heard.count();
  EXPECT_EQ(b.heard.depths(8), (std::vector<std::size_t>{1, 2, 5, 1, 40, 3}));
  EXPECT_EQ(b.bus.received(), 6u);
  EXPECT_EQ(b.bus.undecodable(), 2u);
  EXPECT_EQ(b.bus.resyncs(), 1u);
  EXPECT_TRUE(eventually([&] { return b.resyncs_seen == 1; }));
}

TEST(RedisBus, AFollowerOfTheLogFillsGapsFromItInsteadOfResyncing) {
  REQUIRE_REDIS();
  auto channel = own_channel();
  Node b(shared_redis_url(), "b", channel);
  // The log holds positions 1..6: depth 10, 20, ... (what the leader committed).
  std::atomic<int> reads{0};
  std::atomic<std::int64_t> log_end{6};
  b.bus.follow_log(
      [&](std::int64_t after, std::size_t limit) -> std::optional<std::vector<LogFollower::Entry>> {
        ++reads;
        std::vector<LogFollower::Entry> out;
        for (std::int64_t p = after + 1; p <= log_end && out.size() < limit; ++p)
          out.push_back({p, depth(static_cast<std::size_t>(p * 10), 9)});
        return out;
      },
      1);
  ASSERT_TRUE(eventually([&] { return b.bus.connected(); }));
  RedisConnection raw(parse_redis_url(shared_redis_url()), 1000ms);
  auto send = [&](const std::string& payload) { raw.command({"PUBLISH", channel, payload}); };

  send(encode_envelope("x", 1, depth(20, 9), 2));
  send(encode_envelope("x", 2, depth(1, 9)));      // not logged
  send(encode_envelope("x", 4, depth(50, 9), 5));  // n 3 (position 3 and 4) never came
  send(encode_envelope("x", 5, depth(40, 9), 4));  // a late copy: already delivered from the log
  send(encode_envelope("x", 6, depth(60, 9), 6));

  ASSERT_TRUE(eventually([&] { return b.heard.count() == 6; })) << b.heard.count();
  EXPECT_EQ(b.heard.depths(9), (std::vector<std::size_t>{20, 1, 30, 40, 50, 60}));
  EXPECT_GE(b.bus.resyncs(), 1u);  // the numbers jumped, so it looked
  EXPECT_EQ(b.bus.fallbacks(), 0u);
  EXPECT_EQ(b.resyncs_seen, 0);
  EXPECT_GE(b.bus.filled_from_log(), 2u);  // 3 and 4 at least; the jump in n may have read ahead

  b.bus.catch_up();  // nothing after 6: no event, no resync
  b.bus.after_delivered([] {});
  EXPECT_TRUE(eventually([&] { return reads >= 3; }));
  EXPECT_EQ(b.heard.count(), 6u);
  EXPECT_EQ(b.resyncs_seen, 0);

  // Position 7 was committed but its publish was dropped (n 7); an idle origin's tick shows the jump.
  log_end = 7;
  send(encode_tick("x", 8));
  ASSERT_TRUE(eventually([&] { return b.heard.count() == 7; })) << b.heard.count();
  EXPECT_EQ(b.heard.depths(9).back(), 70u);
  EXPECT_EQ(b.resyncs_seen, 0);
}

TEST(RedisBus, AFollowerWhoseLogCannotAnswerResyncsItsClients) {
  REQUIRE_REDIS();
  auto channel = own_channel();
  Node b(shared_redis_url(), "b", channel);
  b.bus.follow_log([](std::int64_t, std::size_t) { return std::optional<std::vector<LogFollower::Entry>>(); }, 1);
  ASSERT_TRUE(eventually([&] { return b.bus.connected(); }));
  RedisConnection raw(parse_redis_url(shared_redis_url()), 1000ms);
  raw.command({"PUBLISH", channel, encode_envelope("x", 1, depth(50, 9), 5)});
  ASSERT_TRUE(eventually([&] { return b.resyncs_seen == 1; }));
  EXPECT_EQ(b.heard.depths(9), (std::vector<std::size_t>{50}));
  EXPECT_EQ(b.bus.fallbacks(), 1u);
  EXPECT_FALSE(b.resync_off_delivery);
}

TEST(RedisBus, RejectsBadSettings) {
  support::WorkerThread delivery("test-delivery");
  for (const char* url : {"", "localhost:6379", "http://localhost", "redis://", "redis://host:0", "redis://host:x",
                          "redis://host:70000", "redis://host/db", "redis://host?x=1", "rediss://host"}) {
    EXPECT_THROW({ RedisBus bus(delivery, RedisBusOptions{url, "n"}); }, std::invalid_argument) << url;
  }
  EXPECT_THROW({ RedisBus bus(delivery, RedisBusOptions{"redis://127.0.0.1:1", ""}); }, std::invalid_argument);
}

}  // namespace
}  // namespace livedesk::bus
