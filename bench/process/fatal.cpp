#include "process/fatal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace livedesk::bench {
namespace {
bool is_worker = false;
std::function<void()>& fatal_cleanup() {
  static std::function<void()> cleanup;
  return cleanup;
}
}  // namespace

void die(const std::string& why) {
  std::cerr << "livedesk-bench: " << why << "\n";
  if (is_worker) _exit(2);
  if (auto& cleanup = fatal_cleanup()) cleanup();
  std::exit(2);
}

void note(const std::string& what) { std::cerr << "[bench " << getpid() << "] " << what << std::endl; }

void on_fatal(std::function<void()> cleanup) { fatal_cleanup() = std::move(cleanup); }

void mark_worker_process() { is_worker = true; }

bool debug_enabled() {
  static const bool enabled = std::getenv("LIVEDESK_BENCH_DEBUG") != nullptr;
  return enabled;
}

}  // namespace livedesk::bench
