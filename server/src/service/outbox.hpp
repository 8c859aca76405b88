#pragma once
// The outbox: delivers the event log to its consumers (service/outbox_consumer.hpp) through a durable cursor
// per target (store/outbox_store.hpp), one delivery in flight per target, strictly in log order, at least once.
//
// Per target: the first event after its cursor that it wants is delivered; the cursor moves past it only once
// it succeeded (the try and the move in one transaction), so a crash at any point sends it again, with the
// same event id. Events the target does not want just move the cursor. A failing event holds back the later
// ones: it is retried with exponential backoff and full jitter (domain/retry_backoff.hpp) until it succeeds
// or `retry_for` has passed since its first try; then the consumer gives the target up (a webhook is
// disabled) and the cursor stays on that event, so a re-enabled target resumes with it.
//
// Threads: the outbox's own ("outbox") between start() and stop(); run_round() is public so the tests drive
// it on theirs with a ManualClock and a fake consumer. It owns nothing it is given: the Store (its own
// connection, used by this thread only), the consumer and the clock outlive it. Deliveries still in flight
// at stop() are forgotten: their results are dropped and the next start() sends them again.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "domain/clock.hpp"
#include "domain/retry_backoff.hpp"
#include "service/outbox_consumer.hpp"
#include "store/outbox_store.hpp"

namespace livedesk::store {
class Store;
}

namespace livedesk::service {

struct OutboxOptions {
  domain::RetryBackoff backoff;
  std::chrono::milliseconds retry_for{std::chrono::hours(24)};  // since an event's first try
  std::chrono::milliseconds poll{250};                          // how often the log is looked at
  std::size_t read_batch = 200;                                 // events read at once per target
};

// See the file comment.
class Outbox {
 public:
  Outbox(store::Store& store, OutboxConsumer& consumer, const domain::Clock& clock, OutboxOptions options,
         std::function<double()> unit_random = {});
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Runs rounds on the outbox thread (every `poll`, and at once when a delivery finishes). Idempotent.
  void start();
  // Joins the thread; in-flight deliveries are forgotten. Idempotent; start() may follow again.
  void stop();

  // One round: applies the finished deliveries, then starts one for every idle target that has a due event.
  // Store errors are logged and the round ends (the next one tries again). Returns how many it started.
  int run_round();
  // True when a delivery has finished and waits for the next round.
  bool has_results() const;
  // Targets with a delivery in flight (for tests and lag metrics).
  std::size_t in_flight() const;

 private:
  struct Flight {
    store::EventRecord event;
    int attempt = 0;
    std::int64_t started_ms = 0;
  };
  struct Finished {
    std::uint64_t generation = 0;
    std::string target;
    OutboxResult result;
  };

  void apply(const Finished& finished);
  bool start_next(const std::string& target, std::int64_t now_ms);
  store::OutboxCursor cursor_of(const std::string& target);
  void launch(const std::string& target, store::OutboxCursor cursor, store::EventRecord event, std::int64_t now_ms);
  void loop();

  store::Store& store_;
  OutboxConsumer& consumer_;
  const domain::Clock& clock_;
  const OutboxOptions options_;
  std::function<double()> unit_random_;
  std::mt19937_64 random_engine_{std::random_device{}()};

  std::map<std::string, Flight> flights_;  // outbox thread only
  std::atomic<std::size_t> flight_count_{0};

  mutable std::mutex mutex_;  // guards what follows
  std::condition_variable wake_;
  std::vector<Finished> finished_;
  std::uint64_t generation_ = 0;
  bool running_ = false;
  std::thread thread_;
};

}  // namespace livedesk::service
