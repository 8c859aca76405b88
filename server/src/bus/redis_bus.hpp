#pragma once
// The event bus for several nodes, over Redis pub/sub. publish() delivers to
// this node's listeners exactly as InProcessBus does (posted to `delivery`)
// and queues the event for a publisher thread; a subscriber thread hands the
// other nodes' events to the same `delivery` thread, so listeners see one
// ordered stream of local and remote events. A node that loses Redis keeps
// serving its own clients: local delivery never depends on Redis, remote
// publishes are dropped (and counted) until it is back.
//
// Delivery is at most once. When remote events may have been missed (the
// subscription was lost, or an origin's numbers jumped), the on_resync
// callbacks run on `delivery`; the app reloads its clients from the database.
//
// Threads: publish() and after_delivered() from any thread; listen() and
// on_resync() at wiring time (safe at any time, but an event arriving before
// the listener is added is not replayed). The jobs posted to `delivery` do not
// refer to the bus, so it may go before `delivery` has drained; the listeners
// and callbacks must stay callable until it has.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "bus/event_bus.hpp"
#include "bus/redis_bus_options.hpp"
#include "bus/redis_publisher.hpp"
#include "bus/redis_subscriber.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::bus {

// EventBus over Redis pub/sub, for a cluster of nodes.
class RedisBus final : public EventBus {
 public:
  // Starts both threads, which connect in the background (connected() tells
  // when). Throws std::invalid_argument for a bad URL or empty node id/channel.
  RedisBus(support::WorkerThread& delivery, RedisBusOptions options);
  ~RedisBus() override;
  RedisBus(const RedisBus&) = delete;
  RedisBus& operator=(const RedisBus&) = delete;

  void publish(const Event& event) override;
  void listen(Listener listener) override;
  void after_delivered(std::function<void()> then) override;
  void on_resync(std::function<void()> callback);

  // Disconnects and joins both threads (within about io_timeout); later
  // publishes are still delivered locally. Idempotent; the destructor calls it.
  void stop();

  // Both the publishing and the subscribed connection are up.
  bool connected() const { return publisher_.connected() && subscriber_.connected(); }
  std::uint64_t published() const { return publisher_.published(); }      // confirmed by Redis
  std::uint64_t dropped() const { return publisher_.dropped(); }          // never reached Redis
  std::uint64_t received() const { return subscriber_.received(); }       // remote events delivered
  std::uint64_t resyncs() const { return subscriber_.resyncs(); }
  std::uint64_t undecodable() const { return subscriber_.undecodable(); }  // remote envelopes skipped
  std::uint64_t connect_failures() const { return publisher_.connect_failures() + subscriber_.connect_failures(); }

 private:
  using Listeners = std::vector<Listener>;
  using Callbacks = std::vector<std::function<void()>>;

  RedisBus(support::WorkerThread& delivery, RedisEndpoint endpoint, const RedisBusOptions& options);
  void deliver(Event event);
  void resync();

  support::WorkerThread& delivery_;
  // Copied on write, so delivering never holds the lock while a listener runs.
  mutable std::mutex mutex_;
  std::shared_ptr<const Listeners> listeners_;
  std::shared_ptr<const Callbacks> resync_callbacks_;
  std::once_flag stopped_;
  RedisPublisher publisher_;
  RedisSubscriber subscriber_;  // last: it calls deliver() and resync() from its thread
};

}  // namespace livedesk::bus
