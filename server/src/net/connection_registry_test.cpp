// Shutdown and resync over the registry of live connections.
#include "net/connection_registry.hpp"

#include <gtest/gtest.h>

using namespace livedesk::net;

TEST(ConnectionRegistryTest, StopAllStopsEveryConnectionOnceAndRefusesNewOnes) {
  ConnectionRegistry registry;
  int stopped = 0;
  const auto first = registry.add([&] { ++stopped; });
  const auto second = registry.add([&] { ++stopped; });
  EXPECT_NE(first, 0u);
  EXPECT_NE(first, second);
  EXPECT_EQ(registry.size(), 2u);
  registry.remove(second);
  EXPECT_EQ(registry.size(), 1u);
  EXPECT_FALSE(registry.stopping());
  registry.stop_all();
  EXPECT_EQ(stopped, 1);
  EXPECT_TRUE(registry.stopping());
  EXPECT_EQ(registry.add([&] { ++stopped; }), 0u);  // too late: the caller closes at once
}

TEST(ConnectionRegistryTest, RestartAllAsksOnlyConnectionsThatCanRestart) {
  ConnectionRegistry registry;
  int restarted = 0;
  registry.add([] {});                                  // plain HTTP
  registry.add([] {}, [&] { ++restarted; });            // a WebSocket
  const auto gone = registry.add([] {}, [&] { ++restarted; });
  registry.remove(gone);
  EXPECT_EQ(registry.restart_all(), 1u);
  EXPECT_EQ(restarted, 1);
}

TEST(ConnectionRegistryTest, AStopFunctionMayRemoveItself) {
  ConnectionRegistry registry;
  ConnectionRegistry::Id id = 0;
  bool stopped = false;
  id = registry.add([&] {
    registry.remove(id);  // runs without the registry's lock held
    stopped = true;
  });
  registry.stop_all();
  EXPECT_TRUE(stopped);
}
