#include "bus/timed_event_bus.hpp"

#include <gtest/gtest.h>

#include <future>

namespace livedesk::bus {
namespace {

TEST(TimedEventBus, ForwardsEveryEventAndTimesItsDeliveryAfterTheListenersRan) {
  support::WorkerThread delivery("delivery");
  InProcessBus inner(delivery);
  support::Histogram latency({0.001, 1});
  TimedEventBus bus(inner, latency);
  int heard = 0;  // on the delivery thread only
  std::promise<void> release;
  auto released = release.get_future().share();
  bus.listen([&](const Event&) {
    if (heard++ == 0) released.wait();  // the first delivery is held: later publications queue behind it
  });
  for (int i = 0; i < 5; ++i) bus.publish(QueueDepthChanged{std::size_t(i), 0});
  release.set_value();
  std::promise<int> done;
  bus.after_delivered([&] { done.set_value(heard); });
  EXPECT_EQ(done.get_future().get(), 5);
  delivery.stop();
  // One measurement was in flight while the first delivery was held, so the others went unmeasured.
  EXPECT_EQ(latency.cumulative_counts().back(), 1u);
  EXPECT_GT(latency.sum(), 0);
}

TEST(TimedEventBus, MeasuresAgainOnceTheLastMeasurementLanded) {
  support::WorkerThread delivery("delivery");
  InProcessBus inner(delivery);
  support::Histogram latency({1});
  TimedEventBus bus(inner, latency);
  for (int i = 0; i < 3; ++i) {
    bus.publish(QueueDepthChanged{std::size_t(i), 0});
    std::promise<void> landed;
    bus.after_delivered([&] { landed.set_value(); });  // queued after the measurement's own job
    landed.get_future().get();
  }
  delivery.stop();
  EXPECT_EQ(latency.cumulative_counts().back(), 3u);
}

}  // namespace
}  // namespace livedesk::bus
