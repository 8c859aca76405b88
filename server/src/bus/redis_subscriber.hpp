#pragma once
// The thread that SUBSCRIBEs to the bus channel and hands on what the other
// nodes publish. Its callbacks run on its own thread, in channel order:
//   on_event  for each event from another origin, with its log position (0:
//             not logged; own envelopes are skipped: the publishing bus
//             delivered them locally already);
//   on_resync when events may have been missed: each time a subscription
//             starts after a time without one (a lost connection, or a first
//             connect that needed retries), and at a gap in an origin's numbers
//             (which an idle origin's ticks reveal within a heartbeat).
// Envelopes that do not decode are logged and skipped.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "bus/events.hpp"
#include "bus/redis_bus_options.hpp"
#include "bus/redis_endpoint.hpp"
#include "bus/sequence_tracker.hpp"

struct redisReply;

namespace livedesk::bus {

class RedisConnection;

// Receives the other nodes' events from Redis on a thread of its own.
class RedisSubscriber {
 public:
  struct Callbacks {
    std::function<void(Event, std::int64_t position)> on_event;
    std::function<void()> on_resync;
  };

  // Starts the thread; the callbacks must stay callable until stop() returns.
  RedisSubscriber(RedisEndpoint endpoint, const RedisBusOptions& options, Callbacks callbacks);
  ~RedisSubscriber();
  RedisSubscriber(const RedisSubscriber&) = delete;
  RedisSubscriber& operator=(const RedisSubscriber&) = delete;

  // Unsubscribes and joins, within about the poll interval (or io_timeout while connecting). Idempotent.
  void stop();

  bool connected() const { return connected_; }
  std::uint64_t received() const { return received_; }
  std::uint64_t resyncs() const { return resyncs_; }
  std::uint64_t undecodable() const { return undecodable_; }
  std::uint64_t connect_failures() const { return connect_failures_; }

 private:
  void run();
  void subscribe(RedisConnection& connection);
  void listen(RedisConnection& connection);
  void handle(const redisReply& reply);
  void resync();
  bool stopping() const { return stopping_; }

  const RedisEndpoint endpoint_;
  const RedisBusOptions options_;
  const Callbacks callbacks_;
  SequenceTracker sequences_;  // subscriber thread only

  std::mutex mutex_;
  std::condition_variable wake_;  // cuts a backoff wait short on stop()
  std::atomic<bool> stopping_{false};
  std::atomic<bool> connected_{false};
  std::atomic<std::uint64_t> received_{0}, resyncs_{0}, undecodable_{0}, connect_failures_{0};
  std::thread thread_;
};

}  // namespace livedesk::bus
