#pragma once
// One thread that runs posted jobs in order. Any thread may post; stop() runs
// every job already posted, then joins, so queued work is never dropped.
#include <functional>
#include <string>
#include <thread>

#include "support/job_queue.hpp"

namespace livedesk::support {

// A named thread draining one JobQueue.
class WorkerThread {
 public:
  explicit WorkerThread(std::string name);
  ~WorkerThread();
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  // Returns false (and drops the job) once stop() has begun.
  bool post(std::function<void()> job);
  // Runs what is queued, then joins. Idempotent.
  void stop();
  std::size_t pending() const;

 private:
  void run();

  std::string name_;
  JobQueue<std::function<void()>> jobs_;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace livedesk::support
