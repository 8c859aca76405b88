#include "store/store_executor.hpp"

#include <pthread.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

namespace livedesk::store {
namespace {
// Plain stderr, not a logger: store/ may not depend on spdlog, and the point is
// only that a failure is visible rather than silently killing the thread.
void report_failure(const char* what) { std::fprintf(stderr, "livedesk store executor: job failed: %s\n", what); }
void report_failure(const std::string& what) { report_failure(what.c_str()); }

std::string describe(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& error) {
    return error.what();
  } catch (...) {
    return "unknown exception";
  }
}

// Checked before the thread exists, so a bad call starts no thread.
std::unique_ptr<Store> require_store(std::unique_ptr<Store> store) {
  if (!store) throw std::invalid_argument("StoreExecutor needs a store");
  return store;
}

std::vector<std::unique_ptr<Store>> require_stores(std::vector<std::unique_ptr<Store>> stores) {
  for (const auto& store : stores)
    if (!store) throw std::invalid_argument("StoreExecutor needs a store for every reader");
  return stores;
}
}  // namespace

StoreExecutor::StoreExecutor(std::unique_ptr<Store> store, std::size_t max_batch,
                             std::vector<std::unique_ptr<Store>> readers, support::ServerMetrics* metrics)
    : store_(require_store(std::move(store))), max_batch_(std::max<std::size_t>(1, max_batch)), metrics_(metrics),
      reader_stores_(require_stores(std::move(readers))), thread_([this] { run(); }) {
  for (auto& reader : reader_stores_) readers_.emplace_back([this, store = reader.get()] { run_reader(*store); });
}

bool StoreExecutor::post_read(Job job, Unrun unrun) {
  if (readers_.empty()) return post(std::move(job), std::move(unrun));
  return reads_.post(std::move(job));
}

void StoreExecutor::run_reader(Store& store) {
  pthread_setname_np(pthread_self(), "store-read");
  while (auto job = reads_.take_one()) {
    try {
      (*job)(store);
    } catch (const std::exception& error) {
      report_failure(error.what());
    }
  }
}

StoreExecutor::~StoreExecutor() { stop(); }

bool StoreExecutor::post(Job job, Unrun unrun) {
  return post_write([job = std::move(job)](Store& store, CommitHooks&) { job(store); }, std::move(unrun));
}

bool StoreExecutor::post_write(WriteJob job, Unrun unrun) {
  return jobs_.post(QueuedWrite{std::move(job), std::move(unrun), std::nullopt});
}

bool StoreExecutor::fence_writes(std::optional<FencingToken> token) {
  return jobs_.post(QueuedWrite{{}, {}, std::optional<std::optional<FencingToken>>(std::move(token))});
}

void StoreExecutor::stop() {
  // Both refuse new work before anything is joined, as one flag did.
  jobs_.stop();
  reads_.stop();
  for (auto& reader : readers_)
    if (reader.joinable() && reader.get_id() != std::this_thread::get_id()) reader.join();
  if (thread_.joinable() && !on_store_thread()) thread_.join();
}

std::size_t StoreExecutor::pending() const { return jobs_.pending(); }

void StoreExecutor::run() {
  pthread_setname_np(pthread_self(), "store");
  // Group commit: everything queued while the last batch committed, up to max_batch_.
  std::deque<QueuedWrite> taken, batch;
  while (jobs_.take_all(taken, max_batch_)) {
    for (auto& entry : taken) {
      if (!entry.fence) {
        batch.push_back(std::move(entry));
        continue;
      }
      run_batch(batch);
      batch.clear();
      store_->fence_writes(std::move(*entry.fence));
    }
    run_batch(batch);
    batch.clear();
    taken.clear();
  }
}

void StoreExecutor::run_batch(std::deque<QueuedWrite>& batch) {
  if (batch.empty()) return;
  std::exception_ptr failure;
  if (try_batch(batch, failure)) return;
  // A connection that broke while idle fails its first BEGIN; the store
  // reconnects on the next. A fenced node would only be refused again.
  bool fenced = false;
  try {
    std::rethrow_exception(failure);
  } catch (const FencedError&) {
    fenced = true;
  } catch (...) {
  }
  if (!fenced && try_batch(batch, failure)) return;
  report_failure(describe(failure));
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& error) {
    for (auto& entry : batch) {
      if (!entry.unrun) continue;
      try {
        entry.unrun(error);
      } catch (...) {
        report_failure(describe(std::current_exception()));
      }
    }
  } catch (...) {
  }
}

bool StoreExecutor::try_batch(std::deque<QueuedWrite>& batch, std::exception_ptr& failure) {
  using Clock = std::chrono::steady_clock;
  const auto began_at = Clock::now();
  std::vector<std::function<void(bool)>> hooks;
  bool committed = true;
  bool began = false;
  try {
    store_->run_in_transaction([&](Store& store) {
      began = true;
      for (auto& entry : batch) {
        CommitHooks job_hooks;
        try {
          store.run_in_transaction([&](Store& inner) { entry.job(inner, job_hooks); });
          for (auto& hook : job_hooks.hooks_) hooks.push_back(std::move(hook));
        } catch (const std::exception& error) {
          report_failure(error.what());
          for (auto& hook : job_hooks.hooks_) hook(false);
        } catch (...) {
          report_failure("unknown exception");
          for (auto& hook : job_hooks.hooks_) hook(false);
        }
      }
    });
  } catch (...) {
    if (!began) {
      failure = std::current_exception();
      return false;
    }
    report_failure(describe(std::current_exception()));
    committed = false;
  }
  const auto ended_at = Clock::now();
  for (auto& hook : hooks) {
    try {
      hook(committed);
    } catch (const std::exception& error) {
      report_failure(error.what());
    }
  }
  if (metrics_) {
    if (committed) {
      metrics_->commit_batch_size.observe(double(batch.size()));
      metrics_->commit_seconds.observe(std::chrono::duration<double>(ended_at - began_at).count());
    }
    metrics_->store_busy.inc(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - began_at).count());
  }
  return true;
}

}  // namespace livedesk::store
