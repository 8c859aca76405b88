#include "cli/bench_cli.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <vector>

namespace livedesk::bench {

namespace {
// These take whole command lines as values ("--db-pool 4"), which CLI11 would
// read as options; "--name=value" keeps them values.
std::vector<std::string> join_command_values(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--server-args" || a == "--server-wrapper") && i + 1 < argc) {
      args.push_back(a + "=" + argv[++i]);
    } else {
      args.push_back(a);
    }
  }
  return args;
}

void add_common_options(CLI::App& app, BenchOptions& o, std::optional<int>& workers) {
  auto& s = o.server;
  app.add_option("--livedesk", s.livedesk, "The server binary (required)");
  app.add_option("--workers", workers, "Generator processes (default 2; storm 4)");
  app.add_option("--sources", o.sources, "Loopback source addresses 127.0.0.2..")->capture_default_str();
  app.add_option("--server-threads", s.server_threads, "The server's --threads (0: its default)");
  app.add_option("--server-args", s.server_args, "Extra server arguments, split at spaces");
  app.add_option("--server-wrapper", s.server_wrapper, "Command to run the server under (e.g. valgrind)");
  app.add_option("--log-level", s.log_level, "The server's log level (default warn; info on PostgreSQL)");
  app.add_option("--keep-data", s.keep_data, "1: keep the temporary data dir");
  app.add_option("--port", s.port, "The first node's port (0: a free one)");
  app.add_option("--database", s.database,
                 "postgresql://...: N servers on that database and Redis, connections spread over them round "
                 "robin; RSS and CPU are summed over the nodes");
  app.add_option("--redis", s.redis, "redis://... shared by the nodes");
  app.add_option("--nodes", s.nodes, "Servers to start (above 1 needs --database and --redis)")->capture_default_str();
  app.add_option("--data-dir", s.data_dir,
                 "An existing data dir to run on (kept, no admin added; seed: where it writes the SQLite file)");
}
}  // namespace

ParsedCommandLine parse_command_line(int argc, char** argv) {
  CLI::App app{"A load generator for the livedesk server: starts its own server(s), forks generator processes, "
               "prints ONE JSON line with the results and the parameters used.",
               "livedesk-bench"};
  app.require_subcommand(1);
  BenchOptions options;
  std::optional<int> workers;
  add_common_options(app, options, workers);

  ConnectionsOptions connections;
  auto* c = app.add_subcommand("connections", "Idle customer and dashboard sockets held open: RSS per connection");
  c->add_option("--n", connections.n)->capture_default_str();
  c->add_option("--dashboard-share", connections.dashboard_share)->capture_default_str();
  c->add_option("--dashboard-subscribe", connections.dashboard_subscribe, "small | default")
      ->check(CLI::IsMember({"small", "default"}))
      ->capture_default_str();
  c->add_option("--hold-s", connections.hold_s)->capture_default_str();

  ChatOptions chat;
  auto* ch = app.add_subcommand("chat", "Agents and customers chatting at an offered rate");
  ch->add_option("--customers", chat.customers)->capture_default_str();
  ch->add_option("--agents", chat.agents, "Default ceil(customers / 3)");
  ch->add_option("--rate", chat.rate, "Offered messages/s, both directions together")->capture_default_str();
  ch->add_option("--duration-s", chat.duration_s)->capture_default_str();
  ch->add_option("--body-bytes", chat.body_bytes)->capture_default_str();

  FanoutOptions fanout;
  auto* f = app.add_subcommand("fanout", "Chats started at a rate while many dashboards watch");
  f->add_option("--dashboards", fanout.dashboards)->capture_default_str();
  f->add_option("--rate", fanout.rate, "Chat starts per second")->capture_default_str();
  f->add_option("--starts", fanout.starts)->capture_default_str();
  f->add_option("--subscribe", fanout.subscribe, "default | small | all")
      ->check(CLI::IsMember({"default", "small", "all"}))
      ->capture_default_str();

  StormOptions storm;
  auto* s = app.add_subcommand("storm", "Every customer socket dropped at once and resumed");
  s->add_option("--n", storm.n)->capture_default_str();
  s->add_option("--agents", storm.agents)->capture_default_str();
  s->add_option("--agent-rate", storm.agent_rate, "Messages/s per agent connection")->capture_default_str();
  s->add_option("--customer-rate", storm.customer_rate, "Messages/s per customer")->capture_default_str();
  s->add_option("--warm-ms", storm.warm_ms)->capture_default_str();
  s->add_option("--after-ms", storm.after_ms)->capture_default_str();
  s->add_option("--reconnect-parallel", storm.reconnect_parallel)->capture_default_str();

  SoakOptions soak;
  auto* k = app.add_subcommand("soak", "A long run at moderate load: server RSS, descriptors and latency sampled");
  k->add_option("--customers", soak.customers)->capture_default_str();
  k->add_option("--agents", soak.agents, "Default ceil(customers / 3)");
  k->add_option("--rate", soak.rate, "Offered messages/s, both directions together")->capture_default_str();
  k->add_option("--duration-s", soak.duration_s)->capture_default_str();
  k->add_option("--sample-s", soak.sample_s, "Seconds between samples")->capture_default_str();
  k->add_option("--dashboards", soak.dashboards)->capture_default_str();
  k->add_option("--reconnects-per-min", soak.reconnects_per_min, "Customer sockets dropped and resumed")
      ->capture_default_str();
  k->add_option("--upload-every-s", soak.upload_every_s, "Seconds between uploads (0: none)")->capture_default_str();
  k->add_option("--upload-bytes", soak.upload_bytes)->capture_default_str();
  k->add_option("--body-bytes", soak.body_bytes)->capture_default_str();

  SeedOptions seed;
  auto* sd = app.add_subcommand("seed", "Write a realistic history into --data-dir (SQLite) or --database (PostgreSQL)");
  sd->add_option("--conversations", seed.conversations)->capture_default_str();
  sd->add_option("--messages", seed.messages)->capture_default_str();
  sd->add_option("--contacts", seed.contacts)->capture_default_str();
  sd->add_option("--agents", seed.agents)->capture_default_str();
  sd->add_option("--supervisors", seed.supervisors)->capture_default_str();
  sd->add_option("--seed", seed.seed, "Same seed and --until: same history")->capture_default_str();
  sd->add_option("--until", seed.until, "YYYY-MM-DD, the history's last day (default yesterday, UTC)");
  sd->add_option("--batch", seed.batch, "Conversations per transaction")->capture_default_str();
  sd->add_option("--rebuild", seed.rebuild, "1: run `livedesk search rebuild` afterwards (needs --livedesk)")
      ->capture_default_str();

  HistoryOptions history;
  auto* hi = app.add_subcommand("history", "Search, list, contact and transcript latency on a seeded history");
  hi->add_option("--requests", history.requests, "Measured requests per kind")->capture_default_str();
  hi->add_option("--warmup", history.warmup, "Unmeasured requests per kind first")->capture_default_str();
  hi->add_option("--deep-pages", history.deep_pages, "Cursor pages followed down the list")->capture_default_str();
  hi->add_option("--user", history.user, "A seeded supervisor")->capture_default_str();
  hi->add_option("--password", history.password)->capture_default_str();
  hi->add_option("--seed", history.seed)->capture_default_str();

  for (auto* sub : {c, ch, f, s, k, sd, hi}) sub->fallthrough();  // the common options also after the scenario

  auto args = join_command_values(argc, argv);
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return {std::nullopt, app.exit(e) == 0 ? 0 : 2};
  }
  if (*c) options.scenario = connections;
  if (*ch) options.scenario = chat;
  if (*f) options.scenario = fanout;
  if (*s) options.scenario = storm;
  if (*k) options.scenario = soak;
  if (*sd) options.scenario = seed;
  if (*hi) options.scenario = history;
  if (workers) std::visit([&](auto& scenario) { scenario.workers = *workers; }, options.scenario);
  return {std::move(options), 0};
}

}  // namespace livedesk::bench
