#pragma once
// The store executor: the only thread that ever touches the Store. Services
// post jobs here instead of calling the database, so network threads never
// wait on disk.
//
// Group commit: the thread takes every job queued while the previous batch
// was committing and runs them in ONE transaction, each job inside its own
// savepoint (a job that throws rolls back alone). Work a job registers with
// CommitHooks::after_commit runs only once that transaction is durable, so
// an acknowledgement sent from there is never for something that can vanish.
//
// A batch whose transaction cannot begin (the database is unreachable, or
// this node's writes are fenced) is tried once more on a fresh connection;
// if that fails too, none of its jobs runs and each job's `unrun` callback is
// told why, on the store thread, so nobody waits for an answer that cannot come.
//
// Given a support::ServerMetrics, each batch records its size, the time from
// BEGIN to COMMIT, and the store thread's busy time (with the hooks).
#include <cstddef>
#include <deque>
#include <functional>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "support/job_queue.hpp"
#include "support/metrics/server_metrics.hpp"

namespace livedesk::store {

// Lets a job defer work until its batch has committed (or failed to).
class CommitHooks {
 public:
  // `then(true)` after a successful commit; `then(false)` if the job or the
  // batch's commit failed. Called on the store thread, in posting order.
  void after_commit(std::function<void(bool committed)> then) { hooks_.push_back(std::move(then)); }

 private:
  friend class StoreExecutor;
  std::vector<std::function<void(bool)>> hooks_;
};

// Runs posted jobs, in order and in batched transactions, on a thread named "store".
class StoreExecutor {
 public:
  using Job = std::function<void(Store&)>;
  using WriteJob = std::function<void(Store&, CommitHooks&)>;
  // Runs instead of a job that never ran; `why` is a StoreError (FencedError when fenced).
  using Unrun = std::function<void(const std::exception& why)>;

  // Takes the store (and the readers' stores); throws std::invalid_argument when one is null.
  // `metrics` (optional) must outlive the executor.
  explicit StoreExecutor(std::unique_ptr<Store> store, std::size_t max_batch = 4096,
                         std::vector<std::unique_ptr<Store>> readers = {}, support::ServerMetrics* metrics = nullptr);
  // Stops (running everything queued) before the store is closed.
  ~StoreExecutor();
  StoreExecutor(const StoreExecutor&) = delete;
  StoreExecutor& operator=(const StoreExecutor&) = delete;

  // Any thread may post. Returns false (the job is dropped) once stop() has begun.
  // An exception escaping a job is written to stderr and the thread carries on:
  // jobs must report their own failures to whoever waits on them.
  bool post(Job job, Unrun unrun = {});
  bool post_write(WriteJob job, Unrun unrun = {});
  // Store::fence_writes, in posting order: jobs posted before run under the
  // previous token, jobs posted after under this one (the batch is split here).
  bool fence_writes(std::optional<FencingToken> token);
  // A read on a reader thread (any of them), or on the store thread when there
  // are none. It sees every write committed before it starts.
  bool post_read(Job job, Unrun unrun = {});
  // Graceful shutdown: every job already posted runs (in-flight writes commit),
  // then the thread is joined. Idempotent.
  void stop();
  // Jobs queued and not yet started (for health and backpressure metrics).
  std::size_t pending() const;
  // True on the store thread: lets code assert where it runs.
  bool on_store_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  // One entry of the write queue: a job, or a change of fencing token.
  struct QueuedWrite {
    WriteJob job;
    Unrun unrun;
    std::optional<std::optional<FencingToken>> fence;
  };

  void run();
  void run_batch(std::deque<QueuedWrite>& batch);
  // False when the batch's transaction could not begin (no job ran); throws nothing.
  bool try_batch(std::deque<QueuedWrite>& batch, std::exception_ptr& failure);
  void run_reader(Store& store);

  std::unique_ptr<Store> store_;
  const std::size_t max_batch_;
  support::ServerMetrics* const metrics_;
  support::JobQueue<QueuedWrite> jobs_;
  std::vector<std::unique_ptr<Store>> reader_stores_;
  support::JobQueue<Job> reads_;
  std::vector<std::thread> readers_;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace livedesk::store
