#pragma once
// The thread that PUBLISHes events to the bus channel, in the order they were
// offered. Any thread may offer(); it never waits on Redis: while the
// connection is down (or too far behind) the event is dropped and counted,
// and its number is used anyway, so receivers see the gap and resync.
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <thread>

#include "bus/events.hpp"
#include "bus/redis_bus_options.hpp"
#include "bus/redis_endpoint.hpp"
#include "support/job_queue.hpp"

namespace livedesk::bus {

class RedisConnection;

// Publishes this node's events to Redis from a thread of its own.
class RedisPublisher {
 public:
  RedisPublisher(RedisEndpoint endpoint, const RedisBusOptions& options);
  ~RedisPublisher();
  RedisPublisher(const RedisPublisher&) = delete;
  RedisPublisher& operator=(const RedisPublisher&) = delete;

  // Numbers the event (1, 2, ...) and queues it; false if it was dropped.
  // `position`: its place in the event log (0: not logged), sent along.
  bool offer(const Event& event, std::int64_t position = 0);
  // Publishes what is already queued (if connected), then joins. Idempotent.
  void stop();

  bool connected() const { return connected_; }
  std::uint64_t published() const { return published_; }
  std::uint64_t dropped() const { return dropped_; }
  std::uint64_t connect_failures() const { return connect_failures_; }

 private:
  struct Queued {
    std::uint64_t n;
    std::int64_t position;
    std::optional<Event> event;  // nullopt: a tick
  };

  void run();
  // Queues a tick, numbered like an event (see bus/envelope.hpp).
  void offer_tick();
  void send(RedisConnection& connection, std::deque<Queued>& batch);
  void went_down(std::size_t lost);

  const RedisEndpoint endpoint_;
  const RedisBusOptions options_;

  support::JobQueue<Queued> queue_;
  std::uint64_t next_n_ = 1;  // guarded by queue_'s lock (see offer)
  std::unique_ptr<RedisConnection> connection_;  // publisher thread only

  // Publisher thread writes; offer() reads it under queue_'s lock. Going down
  // clears it before the queue, so no offer is queued after that clear.
  std::atomic<bool> connected_{false};
  std::atomic<std::uint64_t> published_{0}, dropped_{0}, connect_failures_{0};
  std::thread thread_;
};

}  // namespace livedesk::bus
