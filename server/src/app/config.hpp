#pragma once
// Command line and environment: `livedesk serve` and `livedesk user add`.
// Every serve flag has a LIVEDESK_* environment twin; a flag given on the
// command line wins over the environment.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "domain/role.hpp"

namespace livedesk::app {

struct ServeConfig {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8000;
  std::filesystem::path data_dir = "./data";
  bool demo = false;
  std::filesystem::path web_dir = "web/dist";
  int io_threads = 0;  // 0: one per core
  std::chrono::seconds token_ttl{12 * 3600};
  std::chrono::milliseconds header_timeout{10'000};
  std::string log_level = "info";
  std::string timezone = "UTC";
  std::chrono::milliseconds unanswered_timeout{120'000};
  std::chrono::milliseconds waiting_grace{120'000};
  std::chrono::milliseconds agent_offline{60'000};
  std::chrono::milliseconds transfer_timeout{60'000};
  std::chrono::milliseconds tick{1000};
  std::chrono::milliseconds ws_auth_timeout{5000};
  std::chrono::milliseconds ws_idle_timeout{300'000};
  std::chrono::milliseconds snapshot_min_interval{250};
  std::chrono::milliseconds queue_snapshot{5000};
  std::chrono::milliseconds metrics_snapshot{10'000};
  std::chrono::milliseconds active_snapshot{10'000};
  // The event log (docs/integrations.md): entries older than this are pruned, every prune interval.
  std::chrono::seconds event_retention{30LL * 24 * 3600};
  std::chrono::milliseconds event_prune{60'000};
  // #14 privacy: closed conversations older than this many days are erased (0: kept forever), checked every
  // event_prune interval by the leader.
  int retention_days = 0;
  // How often the leader brings the conversation search index up to the event log.
  std::chrono::milliseconds search_index{500};
  // An open conversation changed is indexed after this wait (a closed one at the next round).
  std::chrono::milliseconds search_index_delay{5'000};
  // The event stream and API tokens (docs/api.md "Event stream", "API tokens").
  std::chrono::milliseconds event_stream_poll{1000};  // a fallback: positions come on the bus
  std::chrono::milliseconds event_stream_heartbeat{15'000};
  std::chrono::milliseconds event_stream_send_timeout{10'000};
  std::chrono::milliseconds api_token_refresh{5000};
  // Several nodes (docs/deployment.md): PostgreSQL for the data, Redis for events.
  std::string database_url;  // "": SQLite in the data dir; postgresql://... : that database
  std::string redis_url;     // "": events stay in this process; redis://host:port
  std::string node_id;       // "": the host name and port
  std::string advertise_url; // how other nodes reach this one; "": http://<bind>:<port>
  int db_pool = 4;           // PostgreSQL connections this node opens for requests
  std::chrono::milliseconds leader_poll{500};
  std::chrono::milliseconds lease{5000};
  std::chrono::milliseconds node_timeout{5000};
  // Prometheus (docs/metrics.md): a separate listener, and/or GET /metrics on the main port behind a token.
  std::string metrics_bind;  // "host:port" ("[::1]:9100" for IPv6); "": none
  std::string metrics_token;  // "": /metrics on the main port answers 404
  // Webhooks (docs/integrations.md): the outbox's retries, each request's limits, the allow-list.
  std::chrono::milliseconds webhook_retry_initial{1000};
  std::chrono::milliseconds webhook_retry_max{3'600'000};
  std::chrono::seconds webhook_retry_for{24 * 3600};
  std::chrono::milliseconds webhook_timeout{10'000};
  std::chrono::milliseconds webhook_poll{250};
  std::vector<std::string> webhook_allow;  // CIDRs, addresses, host names
};

// "host:port" split; nullopt unless both parts are there and the port is a number up to 65535.
struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};
std::optional<HostPort> parse_host_port(const std::string& text);

struct UserAddConfig {
  std::string username;
  domain::Role role = domain::Role::agent;
  std::string name;
  bool password_stdin = false;
  std::filesystem::path data_dir = "./data";
  std::string database_url;  // as serve's --database
};

// `livedesk search rebuild`: the search index written afresh from the conversations.
struct SearchRebuildConfig {
  std::filesystem::path data_dir = "./data";
  std::string database_url;  // as serve's --database
};

// What the command line asked for.
struct Command {
  enum class Kind { serve, user_add, search_rebuild, exit } kind = Kind::exit;
  int exit_code = 0;  // for Kind::exit (help, or a usage error already printed)
  ServeConfig serve;
  UserAddConfig user_add;
  SearchRebuildConfig search_rebuild;
};

Command parse_command_line(int argc, char** argv);

}  // namespace livedesk::app
