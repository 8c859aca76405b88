#include "app/config.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <vector>

namespace livedesk::app {

std::optional<HostPort> parse_host_port(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return std::nullopt;  // an IPv6 address needs brackets
  }
  unsigned port = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + unsigned(c - '0');
    if (port > 65535) return std::nullopt;
  }
  return HostPort{host, std::uint16_t(port)};
}

Command parse_command_line(int argc, char** argv) {
  Command command;
  CLI::App app{"livedesk: real-time customer-support chat server"};
  app.require_subcommand(1);
  app.footer(
      "Serve: livedesk serve [--bind 127.0.0.1] [--port 8000] [--data-dir ./data] [--demo] [--web-dir web/dist]\n"
      "Accounts: livedesk user add <username> --role admin|supervisor|agent [--name NAME] --password-stdin [--data-dir DIR]\n"
      "Every serve option also reads LIVEDESK_<OPTION> (e.g. LIVEDESK_PORT). See 'livedesk serve --help'.");

  ServeConfig& serve = command.serve;
  long long token_ttl = serve.token_ttl.count();
  long long header_timeout_ms = serve.header_timeout.count();
  auto* serve_cmd = app.add_subcommand("serve", "Serve the API, the WebSockets and the web app");
  serve_cmd->add_option("--bind", serve.bind, "Address to listen on")->envname("LIVEDESK_BIND")->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "TCP port (0 picks a free one)")->envname("LIVEDESK_PORT")->capture_default_str();
  serve_cmd->add_option("--data-dir", serve.data_dir, "Folder for the database and the token secret")
      ->envname("LIVEDESK_DATA_DIR")->capture_default_str();
  serve_cmd->add_flag("--demo", serve.demo, "Seed demo staff accounts")->envname("LIVEDESK_DEMO");
  serve_cmd->add_option("--web-dir", serve.web_dir, "The web app's build folder")->envname("LIVEDESK_WEB_DIR")->capture_default_str();
  serve_cmd->add_option("--threads", serve.io_threads, "Network threads (0: one per core)")
      ->envname("LIVEDESK_THREADS")->check(CLI::Range(0, 256));
  serve_cmd->add_option("--token-ttl", token_ttl, "Staff token lifetime in seconds")
      ->envname("LIVEDESK_TOKEN_TTL")->check(CLI::Range(60LL, 30LL * 24 * 3600))->capture_default_str();
  serve_cmd->add_option("--header-timeout-ms", header_timeout_ms, "Drop clients whose request headers take longer")
      ->envname("LIVEDESK_HEADER_TIMEOUT_MS")->check(CLI::Range(100LL, 600'000LL))->capture_default_str();
  serve_cmd->add_option("--log-level", serve.log_level, "trace, debug, info, warn, error")
      ->envname("LIVEDESK_LOG_LEVEL")->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();

  serve_cmd->add_option("--timezone", serve.timezone, "Reporting time zone for \"today\" (e.g. Europe/Berlin)")
      ->envname("LIVEDESK_TIMEZONE")->capture_default_str();
  serve_cmd->add_option("--database", serve.database_url,
                        "postgresql://user@host:port/db for several nodes (default: SQLite in the data dir)")
      ->envname("LIVEDESK_DATABASE_URL");
  serve_cmd->add_option("--redis", serve.redis_url, "redis://host:port to share events between nodes")
      ->envname("LIVEDESK_REDIS_URL");
  serve_cmd->add_option("--node-id", serve.node_id, "This node's name in logs and in the cluster (default: host:port)")
      ->envname("LIVEDESK_NODE_ID");
  serve_cmd->add_option("--advertise-url", serve.advertise_url,
                        "How the other nodes reach this one (default: http://<bind>:<port>)")
      ->envname("LIVEDESK_ADVERTISE_URL");
  serve_cmd->add_option("--metrics-bind", serve.metrics_bind,
                        "host:port of a separate listener serving only GET /metrics (Prometheus; port 0 picks one)")
      ->envname("LIVEDESK_METRICS_BIND")
      ->check([](const std::string& value) {
        return parse_host_port(value) ? std::string() : std::string("expected host:port, e.g. 127.0.0.1:9100");
      });
  serve_cmd->add_option("--metrics-token", serve.metrics_token,
                        "Serve GET /metrics on the main port to requests with this Bearer token (16+ characters)")
      ->envname("LIVEDESK_METRICS_TOKEN")
      ->check([](const std::string& value) {
        return value.size() >= 16 ? std::string() : std::string("the metrics token needs at least 16 characters");
      });
  serve_cmd->add_option("--db-pool", serve.db_pool, "PostgreSQL connections for requests on this node")
      ->envname("LIVEDESK_DB_POOL")->check(CLI::Range(1, 64))->capture_default_str();
  struct MillisOption {
    const char* flag;
    const char* env;
    const char* help;
    std::chrono::milliseconds* target;
    long long value;
  };
  std::vector<MillisOption> millis{
      {"--unanswered-timeout-ms", "LIVEDESK_UNANSWERED_TIMEOUT_MS", "Requeue a chat its agent has not answered after this",
       &serve.unanswered_timeout, 0},
      {"--waiting-grace-ms", "LIVEDESK_WAITING_GRACE_MS", "End a waiting chat as missed after its customer is gone this long",
       &serve.waiting_grace, 0},
      {"--agent-offline-ms", "LIVEDESK_AGENT_OFFLINE_MS", "Set an agent offline after its last connection is gone this long",
       &serve.agent_offline, 0},
      {"--transfer-timeout-ms", "LIVEDESK_TRANSFER_TIMEOUT_MS", "A transfer not answered within this expires",
       &serve.transfer_timeout, 0},
      {"--tick-ms", "LIVEDESK_TICK_MS", "How often those deadlines are checked", &serve.tick, 0},
      {"--ws-auth-timeout-ms", "LIVEDESK_WS_AUTH_TIMEOUT_MS", "WebSocket clients must authenticate within this",
       &serve.ws_auth_timeout, 0},
      {"--ws-idle-timeout-ms", "LIVEDESK_WS_IDLE_TIMEOUT_MS", "Close WebSockets silent for this long", &serve.ws_idle_timeout, 0},
      {"--snapshot-min-interval-ms", "LIVEDESK_SNAPSHOT_MIN_INTERVAL_MS", "At most one snapshot of each kind per this",
       &serve.snapshot_min_interval, 0},
      {"--queue-snapshot-ms", "LIVEDESK_QUEUE_SNAPSHOT_MS", "Push queue_updated at least this often", &serve.queue_snapshot, 0},
      {"--metrics-snapshot-ms", "LIVEDESK_METRICS_SNAPSHOT_MS", "Push metrics_updated at least this often",
       &serve.metrics_snapshot, 0},
      {"--active-snapshot-ms", "LIVEDESK_ACTIVE_SNAPSHOT_MS", "Push active_sessions_updated at least this often",
       &serve.active_snapshot, 0},
      {"--event-stream-poll-ms", "LIVEDESK_EVENT_STREAM_POLL_MS",
       "While stream consumers wait, ask the database for new events this often", &serve.event_stream_poll, 0},
      {"--event-stream-heartbeat-ms", "LIVEDESK_EVENT_STREAM_HEARTBEAT_MS",
       "An SSE stream with nothing to send gets a comment this often", &serve.event_stream_heartbeat, 0},
      {"--event-stream-send-timeout-ms", "LIVEDESK_EVENT_STREAM_SEND_TIMEOUT_MS",
       "Cut off a stream consumer whose socket takes in no data for this long", &serve.event_stream_send_timeout, 0},
      {"--api-token-refresh-ms", "LIVEDESK_API_TOKEN_REFRESH_MS",
       "Read API tokens made or revoked on other nodes this often", &serve.api_token_refresh, 0},
      {"--leader-poll-ms", "LIVEDESK_LEADER_POLL_MS", "How often a node heartbeats and checks who leads",
       &serve.leader_poll, 0},
      {"--lease-ms", "LIVEDESK_LEASE_MS",
       "A leader that has not renewed its lease this long is replaced (at least twice --leader-poll-ms)", &serve.lease, 0},
      {"--node-timeout-ms", "LIVEDESK_NODE_TIMEOUT_MS", "A node silent this long counts as gone (its sockets closed)",
       &serve.node_timeout, 0},
      {"--event-prune-ms", "LIVEDESK_EVENT_PRUNE_MS", "How often event-log entries past the retention are removed",
       &serve.event_prune, 0},
      {"--webhook-retry-initial-ms", "LIVEDESK_WEBHOOK_RETRY_INITIAL_MS", "A webhook's first retry waits up to this",
       &serve.webhook_retry_initial, 0},
      {"--webhook-retry-max-ms", "LIVEDESK_WEBHOOK_RETRY_MAX_MS", "No webhook retry waits longer than this",
       &serve.webhook_retry_max, 0},
      {"--webhook-timeout-ms", "LIVEDESK_WEBHOOK_TIMEOUT_MS", "Connect and total time limit of one webhook request",
       &serve.webhook_timeout, 0},
      {"--webhook-poll-ms", "LIVEDESK_WEBHOOK_POLL_MS", "How often the outbox looks for new events",
       &serve.webhook_poll, 0},
      {"--search-index-ms", "LIVEDESK_SEARCH_INDEX_MS",
       "How often new messages, notes and contact changes are added to the conversation search", &serve.search_index, 0},
      {"--search-index-delay-ms", "LIVEDESK_SEARCH_INDEX_DELAY_MS",
       "An open conversation's changes are searchable after this wait (closed ones at once)", &serve.search_index_delay, 0},
  };
  long long webhook_retry_for = serve.webhook_retry_for.count();
  serve_cmd->add_option("--webhook-retry-for", webhook_retry_for,
                        "Seconds a failing webhook delivery is retried before its endpoint is disabled")
      ->envname("LIVEDESK_WEBHOOK_RETRY_FOR")->check(CLI::Range(1LL, 30LL * 24 * 3600))->capture_default_str();
  serve_cmd->add_option("--webhook-allow", serve.webhook_allow,
                        "CIDRs, addresses or hosts webhooks may reach although private or loopback (comma-separated)")
      ->envname("LIVEDESK_WEBHOOK_ALLOW")->delimiter(',');
  for (auto& option : millis) {
    option.value = option.target->count();
    serve_cmd->add_option(option.flag, option.value, option.help)
        ->envname(option.env)->check(CLI::Range(10LL, 24LL * 3600 * 1000))->capture_default_str();
  }

  long long event_retention_s = serve.event_retention.count();
  serve_cmd->add_option("--event-retention-s", event_retention_s, "Keep event-log entries this many seconds (30 days)")
      ->envname("LIVEDESK_EVENT_RETENTION_S")->check(CLI::Range(1LL, 10LL * 366 * 24 * 3600))->capture_default_str();

  // #14 privacy
  serve_cmd->add_option("--retention-days", serve.retention_days,
                        "Erase closed conversations older than this many days (0 = keep forever)")
      ->envname("LIVEDESK_RETENTION_DAYS")->check(CLI::Range(0, 100 * 366))->capture_default_str();

  UserAddConfig& user = command.user_add;
  auto* user_cmd = app.add_subcommand("user", "Manage staff accounts");
  user_cmd->require_subcommand(1);
  auto* add_cmd = user_cmd->add_subcommand("add", "Create a staff account");
  add_cmd->add_option("username", user.username, "Login name")->required();
  std::string role_name;
  add_cmd->add_option("--role", role_name, "admin, supervisor or agent")
      ->required()->check(CLI::IsMember({"admin", "supervisor", "agent"}));
  add_cmd->add_option("--name", user.name, "Display name (default: the username)");
  add_cmd->add_flag("--password-stdin", user.password_stdin, "Read the password from standard input")->required();
  add_cmd->add_option("--data-dir", user.data_dir, "Data folder")->envname("LIVEDESK_DATA_DIR")->capture_default_str();
  add_cmd->add_option("--database", user.database_url, "postgresql://... (default: SQLite in the data dir)")
      ->envname("LIVEDESK_DATABASE_URL");

  SearchRebuildConfig& rebuild = command.search_rebuild;
  auto* search_cmd = app.add_subcommand("search", "Manage the conversation search index");
  search_cmd->require_subcommand(1);
  auto* rebuild_cmd = search_cmd->add_subcommand("rebuild", "Write the search index afresh from the conversations");
  rebuild_cmd->add_option("--data-dir", rebuild.data_dir, "Data folder")->envname("LIVEDESK_DATA_DIR")->capture_default_str();
  rebuild_cmd->add_option("--database", rebuild.database_url, "postgresql://... (default: SQLite in the data dir)")
      ->envname("LIVEDESK_DATABASE_URL");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    command.exit_code = app.exit(help);
    return command;
  } catch (const CLI::ParseError& error) {
    // One line, as the contract asks of CLI failures.
    std::cerr << "livedesk: " << error.what() << "\n";
    command.exit_code = error.get_exit_code() != 0 ? error.get_exit_code() : 2;
    return command;
  }
  serve.token_ttl = std::chrono::seconds(token_ttl);
  serve.event_retention = std::chrono::seconds(event_retention_s);
  serve.header_timeout = std::chrono::milliseconds(header_timeout_ms);
  for (auto& option : millis) *option.target = std::chrono::milliseconds(option.value);
  serve.webhook_retry_for = std::chrono::seconds(webhook_retry_for);
  if (serve_cmd->parsed() && serve.lease < 2 * serve.leader_poll) {
    // A lease shorter than two polls would expire between two renewals of a healthy leader.
    std::cerr << "livedesk: --lease-ms (" << serve.lease.count() << ") must be at least twice --leader-poll-ms ("
              << serve.leader_poll.count() << ")\n";
    command.exit_code = 2;
    return command;
  }
  if (serve_cmd->parsed()) command.kind = Command::Kind::serve;
  if (rebuild_cmd->parsed()) command.kind = Command::Kind::search_rebuild;
  if (add_cmd->parsed()) {
    command.kind = Command::Kind::user_add;
    user.role = *domain::parse_role(role_name);
  }
  return command;
}

}  // namespace livedesk::app
