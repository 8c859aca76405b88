#pragma once
// The event bus for several nodes, over Redis pub/sub. publish() delivers to
// this node's listeners exactly as InProcessBus does (posted to `delivery`)
// and queues the event for a publisher thread; a subscriber thread hands the
// other nodes' events to the same `delivery` thread, so listeners see one
// ordered stream of local and remote events. A node that loses Redis keeps
// serving its own clients: local delivery never depends on Redis, remote
// publishes are dropped (and counted) until it is back.
//
// Delivery is at most once over Redis. Once follow_log() is called, logged
// events reach the listeners in log order, once each (bus/log_follower.hpp):
// when remote events may have been missed (the subscription was lost, an
// origin's numbers jumped, a position was skipped, or catch_up() was asked
// for), the missing ones are read from the event log on `delivery`. Only when
// the log cannot answer (or before follow_log) do the on_resync callbacks run
// there instead; the app then makes its clients reload from the database.
//
// Threads: publish(), after_delivered() and catch_up() from any thread;
// listen(), listen_positions(), on_resync() and follow_log() at wiring time (safe at any time, but an event arriving before
// the listener is added is not replayed). The jobs posted to `delivery` do not
// refer to the bus, so it may go before `delivery` has drained; the listeners,
// callbacks and the log reader must stay callable until it has.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "bus/event_bus.hpp"
#include "bus/log_follower.hpp"
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

  using EventBus::publish;
  void publish(const Event& event, std::int64_t position) override;
  void listen(Listener listener) override;
  void listen_positions(PositionListener listener) override;
  void after_delivered(std::function<void()> then) override;
  void on_resync(std::function<void()> callback);
  // Positions up to `delivered_up_to` (the log's last position now) count as
  // delivered; from now on gaps are filled through `reader`, on `delivery`.
  void follow_log(LogFollower::Reader reader, std::int64_t delivered_up_to);
  // Events may have been missed (the leader changed): read them from the log,
  // or resync when it cannot answer.
  void catch_up();

  // Disconnects and joins both threads (within about io_timeout); later
  // publishes are still delivered locally. Idempotent; the destructor calls it.
  void stop();

  // Both the publishing and the subscribed connection are up.
  bool connected() const { return publisher_.connected() && subscriber_.connected(); }
  std::uint64_t published() const { return publisher_.published(); }      // confirmed by Redis
  std::uint64_t dropped() const { return publisher_.dropped(); }          // never reached Redis
  std::uint64_t received() const { return subscriber_.received(); }       // remote events delivered
  std::uint64_t resyncs() const { return subscriber_.resyncs(); }         // times events may have been missed
  std::uint64_t fallbacks() const { return state_->fallbacks; }          // times the log could not answer
  std::uint64_t filled_from_log() const { return state_->filled; }       // events delivered from the log
  std::uint64_t undecodable() const { return subscriber_.undecodable(); }  // remote envelopes skipped
  std::uint64_t connect_failures() const { return publisher_.connect_failures() + subscriber_.connect_failures(); }

 private:
  // What the delivery thread works on; jobs hold it, so it outlives the bus.
  struct State {
    explicit State();
    void deliver(const Event& event, std::int64_t position);
    void fall_back();
    // Counts and logs what the follower read from the log since `filled_before`; falls back unless `whole`.
    void settle(std::uint64_t filled_before, const char* why, bool whole);
    // Copied on write, so delivering never holds the lock while a listener runs.
    std::mutex mutex;
    std::shared_ptr<const std::vector<Listener>> listeners;
    std::shared_ptr<const std::vector<PositionListener>> position_listeners;
    std::shared_ptr<const std::vector<std::function<void()>>> resync_callbacks;
    LogFollower follower;  // delivery thread only
    std::atomic<std::uint64_t> fallbacks{0}, filled{0};
  };

  RedisBus(support::WorkerThread& delivery, RedisEndpoint endpoint, const RedisBusOptions& options);
  void deliver(Event event, std::int64_t position);

  support::WorkerThread& delivery_;
  std::shared_ptr<State> state_;
  std::once_flag stopped_;
  RedisPublisher publisher_;
  RedisSubscriber subscriber_;  // last: it calls deliver() and resync() from its thread
};

}  // namespace livedesk::bus
