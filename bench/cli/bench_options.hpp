// What the command line of livedesk-bench asks for: the server(s) to start,
// the generator processes, and one scenario's parameters. Plain values, filled
// by parse_command_line (cli/bench_cli.hpp) and read by everyone else.
#pragma once

#include <cstdint>
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
  // An existing data dir (e.g. one `seed` wrote): used as it is, kept afterwards, no admin added.
  std::string data_dir;
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

// A realistic history written straight into a database (--data-dir or --database); no server runs.
struct SeedOptions {
  int conversations = 100000;
  int64_t messages = 1000000;
  int contacts = 20000;
  int agents = 40;
  int supervisors = 3;
  uint64_t seed = 1;
  std::string until;  // YYYY-MM-DD, the history's last day (default: yesterday, UTC)
  int batch = 5000;   // conversations per transaction
  bool rebuild = true;  // run `livedesk search rebuild` afterwards (needs --livedesk)
  int workers = 1;    // unused: one process writes
};

// Reads against a server on a seeded data dir or database, as a seeded supervisor.
struct HistoryOptions {
  int requests = 300;  // per kind (search, list, contact pages, contact lists, transcripts)
  int warmup = 30;     // per kind, not measured
  int deep_pages = 20;  // the conversation list followed this many pages down by its cursor
  std::string user = "seed-sup0";
  std::string password = "seed-staff-password-1";
  uint64_t seed = 1;
  int workers = 1;  // unused: one connection measures latency, not throughput
};

using ScenarioOptions = std::variant<ConnectionsOptions, ChatOptions, FanoutOptions, StormOptions, SoakOptions,
                                     SeedOptions, HistoryOptions>;

struct BenchOptions {
  ServerOptions server;
  int sources = 32;  // loopback source addresses 127.0.0.2 ..
  ScenarioOptions scenario;  // its `workers` already set from --workers when given
};

}  // namespace livedesk::bench
