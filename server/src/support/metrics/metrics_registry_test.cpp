#include "support/metrics/metrics_registry.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

using namespace livedesk::support;

TEST(MetricsRegistry, WithReturnsTheSameChildForTheSameLabelValues) {
  MetricsRegistry registry;
  auto& family = registry.counter("x_total", "help", {"kind"});
  Counter& a = family.with({"a"});
  a.inc();
  family.with({"a"}).inc(2);
  family.with({"b"}).inc();
  EXPECT_EQ(&a, &family.with({"a"}));
  EXPECT_EQ(a.units(), 3u);
  const auto snapshot = registry.collect();
  ASSERT_EQ(snapshot.size(), 1u);
  EXPECT_EQ(snapshot[0].type, MetricType::counter);
  ASSERT_EQ(snapshot[0].samples.size(), 2u);
  EXPECT_EQ(snapshot[0].samples[0].labels, (LabelPairs{{"kind", "a"}}));
  EXPECT_EQ(snapshot[0].samples[0].value, 3);
  EXPECT_EQ(snapshot[0].samples[1].value, 1);
}

TEST(MetricsRegistry, CounterUnitScalesTheExposedValue) {
  MetricsRegistry registry;
  Counter& busy = registry.counter("busy_seconds_total", "h", {}, 1e-9).with();
  busy.inc(1'500'000'000);
  EXPECT_DOUBLE_EQ(registry.collect()[0].samples[0].value, 1.5);
}

TEST(MetricsRegistry, RefusesBadNamesDuplicatesAndWrongArity) {
  MetricsRegistry registry;
  EXPECT_THROW(registry.counter("1abc", "h"), std::invalid_argument);
  EXPECT_THROW(registry.counter("a-b", "h"), std::invalid_argument);
  EXPECT_THROW(registry.gauge("g", "h", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(registry.gauge("g", "h", {"a:b"}), std::invalid_argument);
  EXPECT_THROW(registry.gauge("g", "h", {"a", "a"}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "h", {1}, {"le"}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "h", {}), std::invalid_argument);
  auto& family = registry.gauge("g", "h", {"a", "b"});
  EXPECT_THROW(registry.counter("g", "again"), std::invalid_argument);
  EXPECT_THROW(family.with({"only one"}), std::invalid_argument);
  EXPECT_NO_THROW(family.with({"one", "two"}));
}

TEST(MetricsRegistry, FamiliesComeOutInRegistrationOrderAndRemovedChildrenGo) {
  MetricsRegistry registry;
  registry.gauge("b", "h");
  auto& lag = registry.gauge("a", "h", {"endpoint"});
  lag.with({"1"}).set(4);
  lag.with({"2"}).set(5);
  lag.remove({"1"});
  const auto snapshot = registry.collect();
  ASSERT_EQ(snapshot.size(), 2u);
  EXPECT_EQ(snapshot[0].name, "b");
  EXPECT_TRUE(snapshot[0].samples.empty());  // no child asked for yet
  ASSERT_EQ(snapshot[1].samples.size(), 1u);
  EXPECT_EQ(snapshot[1].samples[0].labels, (LabelPairs{{"endpoint", "2"}}));
}

TEST(MetricsRegistry, GaugeFunctionIsReadAtCollectAndAbsentUntilBound) {
  MetricsRegistry registry;
  auto& pending = registry.gauge_function("pending", "h");
  EXPECT_TRUE(registry.collect()[0].samples.empty());
  int value = 3;
  pending.bind([&value] { return std::optional<double>(value); });
  value = 7;
  ASSERT_EQ(registry.collect()[0].samples.size(), 1u);
  EXPECT_EQ(registry.collect()[0].samples[0].value, 7);
  pending.bind([] { return std::optional<double>(); });
  EXPECT_TRUE(registry.collect()[0].samples.empty());
}

TEST(MetricsRegistry, GaugesGoUpAndDownFromManyThreads) {
  MetricsRegistry registry;
  Gauge& open = registry.gauge("open", "h").with();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&open] {
      for (int i = 0; i < 10'000; ++i) {
        open.add(1);
        open.add(-1);
      }
      open.add(1);
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(open.value(), 4);
}
