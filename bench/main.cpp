// livedesk-bench: a load generator for the livedesk server (issue #5).
//
// It speaks only the documented API (docs/api.md): REST over HTTP/1.1 keep-alive and the customer,
// agent and dashboard WebSockets, as real clients do. Boost.Beast on C++20 coroutines, one
// io_context thread per generator process, thousands of connections per thread.
//
//   livedesk-bench <connections|chat|fanout|storm|soak|history> --livedesk PATH [--key value ...]
//   livedesk-bench seed (--data-dir DIR | --database postgresql://...) [--livedesk PATH] [--key value ...]
//
// The tool starts its own server (fresh temporary data dir, one admin made by the CLI), sets up the
// accounts it needs through the admin API, forks --workers generator processes (the open-file limit is
// per process) which spread their client sockets over loopback source addresses 127.0.0.2.. (bound
// before connect, so the ephemeral port range is per source address), and prints ONE JSON line.
// Timestamps are CLOCK_MONOTONIC, which all processes on the machine share. `seed` starts no server:
// it writes a history into a database; `history` runs a server on that database (--data-dir).
//
// Where things are: cli/ (the command line), process/ (the server under test, fatal errors, /proc
// readings), clients/ (the testkit's HTTP and WebSocket clients on the loopback dialer, frame helpers),
// workers/ (the forked generator processes and their pipes), stats/ (counters, percentiles, merging
// the workers' reports), async/ (clock, waits, bounded parallelism), scenarios/ (the shared set-up,
// the chat participants, one file per scenario).
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cmath>
#include <iostream>
#include <variant>

#include "cli/bench_cli.hpp"
#include "clients/loopback_dialer.hpp"
#include "process/fatal.hpp"
#include "process/server_under_test.hpp"
#include "scenarios/scenarios.hpp"

namespace json = boost::json;
using namespace livedesk::bench;

namespace {
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

json::object machine() {
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  return json::object{{"cores", sysconf(_SC_NPROCESSORS_ONLN)},
                      {"memory_gib", std::round(double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGE_SIZE)) /
                                                double(1ull << 30))},
                      {"open_file_limit", uint64_t(rl.rlim_cur)}};
}
}  // namespace

int main(int argc, char** argv) {
  auto parsed = parse_command_line(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  const BenchOptions& options = *parsed.options;
  signal(SIGPIPE, SIG_IGN);
  if (auto* seed = std::get_if<SeedOptions>(&options.scenario)) {
    json::object result;
    try {
      result = run_seed(*seed, options.server);
    } catch (const std::exception& e) {
      die(std::string("failed: ") + e.what());
    }
    result["machine"] = machine();
    std::cout << json::serialize(result) << std::endl;
    return 0;
  }
  LoopbackDialer::instance().set_source_count(options.sources);
  ServerUnderTest server(options.server);
  on_fatal([&server] { server.stop(); });
  server.start();
  LoopbackDialer::instance().set_servers(server.endpoints());
  json::object result;
  try {
    result = std::visit(Overloaded{
                            [&](const ConnectionsOptions& o) { return run_connections(o, server); },
                            [&](const ChatOptions& o) { return run_chat(o, server); },
                            [&](const FanoutOptions& o) { return run_fanout(o, server); },
                            [&](const StormOptions& o) { return run_storm(o, server); },
                            [&](const SoakOptions& o) { return run_soak(o, server); },
                            [&](const SeedOptions&) { return json::object{}; },  // handled above
                            [&](const HistoryOptions& o) { return run_history(o, server); },
                        },
                        options.scenario);
  } catch (const std::exception& e) {
    die(std::string("failed: ") + e.what());
  }
  server.stop();
  result["machine"] = machine();
  std::cout << json::serialize(result) << std::endl;
  return 0;
}
