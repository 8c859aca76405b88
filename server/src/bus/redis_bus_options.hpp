#pragma once
// How a RedisBus reaches Redis and how it behaves when Redis goes away.
#include <chrono>
#include <cstddef>
#include <string>

namespace livedesk::bus {

// The settings of a RedisBus (and of its publisher and subscriber).
struct RedisBusOptions {
  std::string url;      // redis://[[user]:password@]host[:port][/db]
  std::string node_id;  // unique per running node: envelopes from it are its own
  std::string channel = "livedesk:events";
  std::chrono::milliseconds reconnect_initial{100};
  std::chrono::milliseconds reconnect_max{5000};
  // Bounds connecting, each command and the wait for a PING's answer.
  std::chrono::milliseconds io_timeout{1000};
  // An idle connection is PINGed this often, so a dead server is noticed even when nothing is published.
  std::chrono::milliseconds heartbeat{1000};
  // Envelopes waiting for the publisher thread; past this (Redis too slow) publishes are dropped.
  std::size_t max_queued = 10000;
};

}  // namespace livedesk::bus
