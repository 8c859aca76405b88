// How the load generator gives up and what it says on stderr.
//
// die() ends the process: a worker with _exit(2) (the parent sees its pipe
// close), the parent after the cleanup registered with on_fatal (stopping the
// servers it started). note() is a progress line with the pid. Each process
// sets these once, before it starts its io_context; they are not thread-safe.
#pragma once

#include <functional>
#include <string>

namespace livedesk::bench {

[[noreturn]] void die(const std::string& why);
void note(const std::string& what);
// What die() runs first in the parent process.
void on_fatal(std::function<void()> cleanup);
// Called in a forked worker: die() then exits at once, without the parent's cleanup.
void mark_worker_process();
// LIVEDESK_BENCH_DEBUG is set: transport failures that retries hide are printed.
bool debug_enabled();

}  // namespace livedesk::bench
