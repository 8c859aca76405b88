#pragma once
// One thread that runs posted jobs in order. Any thread may post; stop() runs
// every job already posted, then joins, so queued work is never dropped.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace livedesk::support {

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
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace livedesk::support
