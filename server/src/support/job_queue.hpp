#pragma once
// The queue between the threads that post work and the thread (or threads)
// that take it. Any thread may post; takers block until there is work or the
// queue is stopped. stop() refuses new jobs but keeps the queued ones: takers
// get every one of them before a take reports "stopped and drained", so work
// accepted is never dropped unless its owner clears it. Jobs come out in the
// order they were posted. All methods are safe from any thread; the owner
// runs the loop on its own std::thread.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <iterator>
#include <limits>
#include <mutex>
#include <optional>

namespace livedesk::support {

// A blocking FIFO of jobs with a drain-on-stop rule.
template <class Job>
class JobQueue {
 public:
  static constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

  // False (and the job is dropped) once stop() has begun.
  bool post(Job job) {
    return post_if(std::move(job), [](Job&, std::size_t) { return true; });
  }

  // Like post, but `admit(job, pending)` runs first, under the queue's lock: it
  // may refuse the job (false) or finish it, say with a number that must follow
  // queue order. It runs even once stop() has begun, which then refuses the job.
  template <class Admit>
  bool post_if(Job job, Admit admit) {
    {
      std::lock_guard lock(mutex_);
      if (!admit(job, jobs_.size()) || stopping_) return false;
      jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
  }

  // Waits for a job; nullopt once stopped and drained.
  std::optional<Job> take_one() {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return std::nullopt;
    std::optional<Job> job(std::move(jobs_.front()));
    jobs_.pop_front();
    return job;
  }

  // Waits for jobs and moves up to `max` of them, oldest first, into `batch`
  // (emptied first); false (batch empty) once stopped and drained. A loop that
  // reuses its batch should clear it once run, so finished jobs (and what they
  // hold) do not live on while the thread waits.
  bool take_all(std::deque<Job>& batch, std::size_t max = unlimited) {
    batch.clear();  // the last batch's jobs die here, outside the lock
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    return take_locked(batch, max);
  }

  // Like take_all, but waits at most `timeout`: true with an empty batch when
  // it passed with nothing queued.
  template <class Rep, class Period>
  bool take_all_for(std::deque<Job>& batch, std::chrono::duration<Rep, Period> timeout, std::size_t max = unlimited) {
    batch.clear();
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, timeout, [this] { return stopping_ || !jobs_.empty(); });
    return take_locked(batch, max);
  }

  // Sleeps up to `timeout`, or less if stop() is called; true once stopped.
  template <class Rep, class Period>
  bool wait_for_stop(std::chrono::duration<Rep, Period> timeout) {
    std::unique_lock lock(mutex_);
    return wake_.wait_for(lock, timeout, [this] { return stopping_; });
  }

  // Refuses further posts and wakes every taker. Idempotent.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
  }

  // Drops every queued job; returns how many.
  std::size_t clear() {
    std::lock_guard lock(mutex_);
    const std::size_t dropped = jobs_.size();
    jobs_.clear();
    return dropped;
  }

  // Jobs queued and not yet taken.
  std::size_t pending() const {
    std::lock_guard lock(mutex_);
    return jobs_.size();
  }

 private:
  bool take_locked(std::deque<Job>& batch, std::size_t max) {
    if (jobs_.empty()) return !stopping_;
    if (jobs_.size() <= max) {
      batch.swap(jobs_);
    } else {
      const auto end = jobs_.begin() + static_cast<std::ptrdiff_t>(max);
      batch.assign(std::make_move_iterator(jobs_.begin()), std::make_move_iterator(end));
      jobs_.erase(jobs_.begin(), end);
    }
    return true;
  }

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
};

}  // namespace livedesk::support
