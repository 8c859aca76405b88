#include "support/worker_thread.hpp"

#include <pthread.h>

namespace livedesk::support {

WorkerThread::WorkerThread(std::string name) : name_(std::move(name)), thread_([this] { run(); }) {}

WorkerThread::~WorkerThread() { stop(); }

bool WorkerThread::post(std::function<void()> job) { return jobs_.post(std::move(job)); }

void WorkerThread::stop() {
  jobs_.stop();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::size_t WorkerThread::pending() const { return jobs_.pending(); }

void WorkerThread::run() {
  pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
  std::deque<std::function<void()>> batch;
  while (jobs_.take_all(batch)) {
    for (auto& job : batch) job();
    batch.clear();
  }
}

}  // namespace livedesk::support
