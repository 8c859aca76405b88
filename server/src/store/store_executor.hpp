#pragma once
// The store executor: the only thread that ever touches the Store. Services
// post jobs here instead of calling the database, so network threads never
// wait on disk; a job reports back by posting its result wherever it belongs.
#include <cstddef>
#include <functional>
#include <memory>

#include "store/store.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::store {

// Runs posted jobs, in order, against the one Store on a thread named "store".
class StoreExecutor {
 public:
  // Takes the store; throws std::invalid_argument when it is null.
  explicit StoreExecutor(std::unique_ptr<Store> store);
  // Stops (running everything queued) before the store is closed.
  ~StoreExecutor();
  StoreExecutor(const StoreExecutor&) = delete;
  StoreExecutor& operator=(const StoreExecutor&) = delete;

  // Any thread may post. Returns false (the job is dropped) once stop() has begun.
  // An exception escaping a job is written to stderr and the thread carries on:
  // jobs must report their own failures to whoever waits on them.
  bool post(std::function<void(Store&)> job);

  // Graceful shutdown: every job already posted runs (in-flight writes commit),
  // then the thread is joined. Idempotent.
  void stop();

  // Jobs queued and not yet started (for health and backpressure metrics).
  std::size_t pending() const;

 private:
  std::unique_ptr<Store> store_;
  support::WorkerThread worker_;  // declared after store_, so it stops first
};

}  // namespace livedesk::store
