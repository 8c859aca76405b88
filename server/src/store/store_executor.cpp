#include "store/store_executor.hpp"

#include <cstdio>
#include <exception>
#include <stdexcept>

namespace livedesk::store {

namespace {

// Plain stderr, not a logger: store/ may not depend on spdlog, and the point is
// only that a failure is visible rather than silently killing the thread.
void report_escaped_exception(const char* what) {
  std::fprintf(stderr, "livedesk store executor: job failed: %s\n", what);
}

// Checked before the worker thread exists, so a bad call starts no thread.
std::unique_ptr<Store> require_store(std::unique_ptr<Store> store) {
  if (!store) throw std::invalid_argument("StoreExecutor needs a store");
  return store;
}

}  // namespace

StoreExecutor::StoreExecutor(std::unique_ptr<Store> store)
    : store_(require_store(std::move(store))), worker_("store") {}

StoreExecutor::~StoreExecutor() { stop(); }

bool StoreExecutor::post(std::function<void(Store&)> job) {
  return worker_.post([this, job = std::move(job)] {
    try {
      job(*store_);
    } catch (const std::exception& error) {
      report_escaped_exception(error.what());
    } catch (...) {
      report_escaped_exception("unknown exception");
    }
  });
}

void StoreExecutor::stop() { worker_.stop(); }

std::size_t StoreExecutor::pending() const { return worker_.pending(); }

}  // namespace livedesk::store
