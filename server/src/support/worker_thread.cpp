#include "support/worker_thread.hpp"

#include <pthread.h>

namespace livedesk::support {

WorkerThread::WorkerThread(std::string name) : name_(std::move(name)), thread_([this] { run(); }) {}

WorkerThread::~WorkerThread() { stop(); }

bool WorkerThread::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkerThread::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::size_t WorkerThread::pending() const {
  std::lock_guard lock(mutex_);
  return jobs_.size();
}

void WorkerThread::run() {
  pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
  for (;;) {
    std::deque<std::function<void()>> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping and drained
      batch.swap(jobs_);
    }
    for (auto& job : batch) job();
  }
}

}  // namespace livedesk::support
