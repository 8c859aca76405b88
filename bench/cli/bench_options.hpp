// What the command line of livedesk-bench asks for: the server(s) to start,
// the generator processes, and one scenario's parameters. Plain values, filled
// by parse_command_line (cli/bench_cli.hpp) and read by everyone else.
#pragma once

#include <optional>
#include <string>
#include <variant>

namespace livedesk::bench {

// The server under test: one node on SQLite, or --nodes nodes on one PostgreSQL and Redis.
struct ServerOptions {
  std::string livedesk;                  // the server binary
  std::string database;                  // postgresql://...; "" for SQLite in the temporary data dir
  std::string redis;                     // redis://...
  int nodes = 1;
  int port = 0;                          // the first node's port; 0 picks a free one
  bool keep_data = false;                // leave the temporary data dir on disk
  std::optional<std::string> log_level;  // default: warn on SQLite, info on PostgreSQL (leader lines)
  int server_threads = 0;                // 0: the server's default
  std::string server_args;               // extra arguments, split at spaces
  std::string server_wrapper;            // e.g. "valgrind --tool=callgrind"
};

struct ConnectionsOptions {
  int n = 1000;
  double dashboard_share = 0.1;
  std::string dashboard_subscribe = "small";  // small | default
  int hold_s = 30;
  int workers = 2;
};

struct ChatOptions {
  int customers = 300;
  std::optional<int> agents;  // default ceil(customers / 3)
  double rate = 20000;        // offered messages/s, both directions together
  int duration_s = 10;
  int body_bytes = 64;
  int workers = 2;
};

struct FanoutOptions {
  int dashboards = 1000;
  double rate = 100;
  int starts = 500;
  std::string subscribe = "default";  // default | small | all
  int workers = 2;
};

struct StormOptions {
  int n = 10000;
  int agents = 20;
  double agent_rate = 50;      // messages/s per agent connection
  double customer_rate = 0.2;  // messages/s per customer
  int warm_ms = 3000;
  int after_ms = 3000;
  int reconnect_parallel = 100000;
  int workers = 4;
};

// A long run at moderate load, the server's memory, descriptors and latency sampled at an interval.
struct SoakOptions {
  int customers = 100;
  std::optional<int> agents;  // default ceil(customers / 3)
  double rate = 200;          // offered messages/s, both directions together
  int duration_s = 3600;
  int sample_s = 60;
  int dashboards = 10;               // supervisor dashboards held open (default subscription)
  double reconnects_per_min = 10;    // customer sockets dropped (RST) and resumed by seq, over all workers
  double upload_every_s = 10;        // one attachment uploaded and sent in a message, over all workers
  int upload_bytes = 16384;
  int body_bytes = 64;
  int workers = 2;
};

using ScenarioOptions = std::variant<ConnectionsOptions, ChatOptions, FanoutOptions, StormOptions, SoakOptions>;

struct BenchOptions {
  ServerOptions server;
  int sources = 32;  // loopback source addresses 127.0.0.2 ..
  ScenarioOptions scenario;  // its `workers` already set from --workers when given
};

}  // namespace livedesk::bench
