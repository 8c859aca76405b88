// What a process costs the machine, read from /proc and getrusage: resident
// memory, open descriptors and CPU time. Plain functions; any thread may call them.
#pragma once

#include <sys/types.h>

namespace livedesk::bench {

// VmRSS of `pid` in KiB, -1 when it cannot be read.
long read_rss_kib(pid_t pid);
// The open file descriptors of `pid` (entries of /proc/<pid>/fd), -1 when they cannot be read.
long count_open_fds(pid_t pid);
// User plus system CPU seconds of `pid` so far, -1 when it cannot be read.
double cpu_seconds_of(pid_t pid);
// User plus system CPU seconds of this process so far.
double cpu_seconds_self();

}  // namespace livedesk::bench
