// livedesk's entry point: parses the command line and wires the layers. The
// only file that knows every implementation (SQLite or PostgreSQL store,
// in-process or Redis bus, one node or one of several).
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <thread>

#include "api/chat_ws.hpp"
#include "api/dashboard_ws.hpp"
#include "api/snapshot_publisher.hpp"
#include "api/realtime_fanout.hpp"
#include "api/rest_routes.hpp"
#include "api/webhook_routes.hpp"
#include "api/cluster_routes.hpp"
#include "api/metrics_routes.hpp"
#include "app/cluster_node.hpp"
#include "app/curl_webhook_transport.hpp"
#include "bus/event_bus.hpp"
#include "bus/redis_bus.hpp"
#include "app/event_log_reader.hpp"
#include "bus/timed_event_bus.hpp"
#include "realtime/topic_hub.hpp"
#include "app/config.hpp"
#include "app/demo_seed.hpp"
#include "app/demo_simulation.hpp"
#include "app/tzdb_time_zone.hpp"
#include "auth/api_token_hasher.hpp"
#include "auth/login_rate_limiter.hpp"
#include "auth/token_service.hpp"
#include "domain/calendar.hpp"
#include "domain/clock.hpp"
#include "net/server.hpp"
#include "service/account_service.hpp"
#include "service/api_token_service.hpp"
#include "service/event_feed.hpp"
#include "service/contact_directory.hpp"  // contacts
#include "api/contact_routes.hpp"  // contacts
#include "api/conversation_routes.hpp"  // conversations as history
#include "api/privacy_routes.hpp"  // #14 privacy: the contact export
#include "service/contact_exporter.hpp"  // #14 privacy
#include "service/attachment_service.hpp"
#include "service/local_chat_service.hpp"
#include "service/outbox.hpp"
#include "service/webhook_deliveries.hpp"
#include "service/webhook_service.hpp"
#include "service/readiness.hpp"
#include "service/auth_service.hpp"
#include "service/staff_directory.hpp"
#include "store/blob_store.hpp"
#include "store/postgres/pg_blob_store.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_executor.hpp"
#include "service/event_log_retention.hpp"
#include "service/conversation_retention.hpp"  // #14 privacy
#include "service/search_projection.hpp"
#include "support/json_log.hpp"
#include "support/metrics/server_metrics.hpp"
#include "support/worker_thread.hpp"

namespace {
using namespace livedesk;
namespace fs = std::filesystem;

fs::path database_file(const fs::path& data_dir) { return data_dir / "livedesk.db"; }

void prepare_data_dir(const fs::path& data_dir) {
  fs::create_directories(data_dir);
  ::chmod(data_dir.c_str(), 0700);
}

bool is_postgres(const std::string& url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

std::unique_ptr<store::Store> open_store(const std::string& database_url, const fs::path& data_dir) {
  if (database_url.empty()) return store::open_sqlite_store(database_file(data_dir));
  if (!is_postgres(database_url)) throw std::runtime_error("--database must be a postgresql:// URL");
  return store::open_postgres_store(database_url);
}

// One node keeps its secret in its data dir; the nodes of a cluster share the
// one stored in their database, so a token from any node opens every node.
std::string jwt_secret(const fs::path& data_dir, store::Store* shared) {
  if (const char* from_env = std::getenv("LIVEDESK_JWT_SECRET"); from_env && *from_env) {
    if (std::strlen(from_env) < 32) throw std::runtime_error("LIVEDESK_JWT_SECRET must be at least 32 characters");
    return from_env;
  }
  if (shared) return shared->settings().shared("jwt_secret", auth::random_hex_secret());
  return auth::load_or_create_secret(data_dir);
}

std::string default_node_id() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(::getpid());
}

// Many idle WebSockets need many descriptors; take what the hard limit allows.
void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

int add_user(const app::UserAddConfig& config) {
  std::string password;
  std::getline(std::cin, password);  // one line; the newline is not part of it
  if (!password.empty() && password.back() == '\r') password.pop_back();
  prepare_data_dir(config.data_dir);
  auto store = open_store(config.database_url, config.data_dir);
  domain::SystemClock clock;
  const auto id = service::create_account(*store, clock, {config.username, config.name, config.role, password});
  std::cout << "created " << domain::to_string(config.role) << " '" << config.username << "' with id " << id << "\n";
  return 0;
}

int rebuild_search(const app::SearchRebuildConfig& config) {
  auto store = open_store(config.database_url, config.data_dir);
  const auto started = std::chrono::steady_clock::now();
  const auto indexed = service::SearchProjection::rebuild(*store, 1000);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  std::cout << "indexed " << indexed << " conversations in " << ms.count() << " ms\n";
  return 0;
}

int serve(const app::ServeConfig& config) {
  const bool cluster = !config.database_url.empty();
  const std::string node_id = config.node_id.empty() ? default_node_id() : config.node_id;
  support::configure_json_logging(spdlog::level::from_str(config.log_level), node_id);
  raise_open_file_limit();
  prepare_data_dir(config.data_dir);
  if (cluster && config.demo) throw std::runtime_error("--demo runs on one node: leave out --database");
  domain::SystemClock clock;
  support::ServerMetrics metrics;  // before everything that records into it
  // Every connection of this run carries one name, so a successor can end them all.
  const std::string backend = cluster ? app::backend_name(node_id) : "";
  const std::string database_url = cluster ? app::with_backend_name(config.database_url, backend) : "";
  auto opened = open_store(database_url, config.data_dir);
  support::log_event(spdlog::level::info, "store_ready",
                     {{"database", cluster ? "postgresql" : database_file(config.data_dir).string()},
                      {"schema_version", opened->schema_version()}});
  auth::TokenService tokens(jwt_secret(config.data_dir, cluster ? opened.get() : nullptr), clock, config.token_ttl,
                            std::chrono::hours(24));
  const std::string cluster_key = cluster ? opened->settings().shared("cluster_key", auth::random_hex_secret()) : "";
  auth::LoginRateLimiter login_limiter(clock, 10, std::chrono::seconds(60));
  const auth::ApiTokenHasher api_token_hasher(opened->settings().shared("api_token_key", auth::random_hex_secret()));

  std::vector<service::Actor> simulated_agents;
  if (config.demo) {
    for (const auto& account : app::seed_demo_accounts(*opened, clock)) {
      support::log_event(spdlog::level::info, "demo_account",
                         {{"username", account.username}, {"password", account.password}, {"role", account.role},
                          {"simulated", account.simulated}, {"created", account.created}});
      if (account.simulated)
        if (auto user = opened->accounts().find_by_username(account.username))
          simulated_agents.push_back(service::Actor::staff(user->id, user->role, user->username));
    }
  }
  support::WorkerThread fanout("fanout");
  std::unique_ptr<bus::EventBus> bus;
  bus::RedisBus* redis = nullptr;
  if (!config.redis_url.empty()) {
    bus::RedisBusOptions redis_options;
    redis_options.url = config.redis_url;
    redis_options.node_id = node_id;
    auto redis_bus = std::make_unique<bus::RedisBus>(fanout, redis_options);
    redis = redis_bus.get();
    bus = std::move(redis_bus);
  } else {
    if (cluster) support::log_event(spdlog::level::warn, "no_redis", {{"detail", "events reach this node's clients only"}});
    bus = std::make_unique<bus::InProcessBus>(fanout);
  }
  realtime::TopicHub hub;
  api::connect_realtime_fanout(*bus, hub);
  service::ChatSettings chat_settings;
  chat_settings.unanswered_timeout = config.unanswered_timeout;
  chat_settings.waiting_customer_grace = config.waiting_grace;
  chat_settings.agent_offline_grace = config.agent_offline;
  chat_settings.transfer_timeout = config.transfer_timeout;
  chat_settings.retention_days = config.retention_days;  // #14 privacy: until an admin stores one

  const std::int64_t log_head = opened->events().last_position();  // what this node has no need to deliver
  metrics.event_log_position.set(double(log_head));
  bus->listen_positions([&metrics](std::int64_t position) { metrics.event_log_position.set(double(position)); });
  std::vector<std::unique_ptr<store::Store>> readers;  // PostgreSQL: reads that need no chat state
  if (cluster)
    for (int i = 0; i < config.db_pool; ++i) readers.push_back(open_store(database_url, config.data_dir));
  store::StoreExecutor store(std::move(opened), 4096, std::move(readers), &metrics);
  metrics.store_pending_jobs.bind([&store] { return std::optional<double>(double(store.pending())); });
  // A node that may have missed events reads them from the log: its clients notice nothing.
  if (redis) redis->follow_log(app::event_log_reader(store, std::chrono::seconds(5), std::chrono::seconds(15)), log_head);
  service::EventLogRetention event_retention(store, clock, config.event_retention);
  support::WorkerThread crypto("crypto");
  support::WorkerThread files("files");
  // Attachments live beside the data: in PostgreSQL every node serves every file.
  std::unique_ptr<store::BlobStore> blob_store;
  if (cluster) blob_store = std::make_unique<store::PgBlobStore>(database_url);
  else blob_store = std::make_unique<store::FileBlobStore>(config.data_dir / "attachments");
  store::BlobStore& blobs = *blob_store;
  service::AuditTrail audit(store, clock);
  service::AuthService auth(store, crypto, tokens, login_limiter, audit);
  service::AccountService accounts(store, crypto, clock, audit);
  service::ApiTokenService api_tokens(store, clock, audit, api_token_hasher, login_limiter);
  store.post([&api_tokens](store::Store& s) { api_tokens.load(s); });
  auth.accept_api_tokens(api_tokens);
  service::EventWatermark event_watermark;
  service::EventFeed event_feed(store, event_watermark, config.event_stream_poll);
  // Every logged event this node delivers (its own commits, or another node's through Redis) raises the mark.
  bus->listen_positions([&event_watermark](std::int64_t position) { event_watermark.advance(position); });
  const domain::Calendar calendar = app::reporting_calendar(config.timezone);
  bus::TimedEventBus timed_bus(*bus, metrics.fanout_seconds);  // the engine's publications, timed to their fan-out
  service::LocalChatService local_chat(store, tokens, clock, calendar, timed_bus, chat_settings);
  local_chat.metrics = &metrics;
  std::unique_ptr<app::ClusterNode> node;
  if (cluster) {
    node = std::make_unique<app::ClusterNode>(
        app::ClusterNodeConfig{database_url, backend, node_id, config.bind, config.advertise_url, cluster_key,
                               config.leader_poll, config.lease, config.node_timeout},
        local_chat, store, tokens);
  } else {
    store.post([&local_chat](store::Store& s) { local_chat.load(s); });
  }
  service::ChatService& chat = node ? node->chat() : static_cast<service::ChatService&>(local_chat);
  if (node) {
    metrics.cluster_leader.bind([&node] { return std::optional<double>(node->view().leading ? 1 : 0); });
    metrics.cluster_epoch.bind([&node] { return std::optional<double>(double(node->view().epoch)); });
  }

  api::Router router;
  service::Readiness readiness(store, node ? std::function<service::ClusterView()>([&node] { return node->view(); })
                                           : std::function<service::ClusterView()>());
  service::AttachmentService attachments(chat, files, blobs);
  // #14 privacy: each run reads the stored retention (--retention-days until an admin sets one).
  service::ConversationRetention conversation_retention(attachments, store, clock, config.retention_days);
  service::SearchProjection search_projection(store, clock, config.search_index_delay);
  api::add_rest_routes(router,
                       {auth, accounts, readiness, chat, attachments, api_tokens, event_feed,
                        config.event_stream_heartbeat});
  if (!config.metrics_token.empty())
    api::add_metrics_route(router, config.metrics_token, [&metrics] { return metrics.scrape(); });
  // Webhooks: any node serves the admin routes; the outbox (on its own connection) runs where the engine does.
  app::CurlWebhookTransport webhook_transport(
      {domain::AddressPolicy(config.webhook_allow), config.webhook_timeout, 64 * 1024});
  support::WorkerThread webhook_checks("webhook-checks");
  service::WebhookService webhooks(store, webhook_checks, webhook_transport, clock);
  api::add_webhook_routes(router, auth, webhooks);
  // Contacts: reads on the store's readers, writes through the chat service (the leader).
  service::ContactDirectory contact_directory(store);
  api::add_contact_routes(router, auth, chat, contact_directory);
  // Conversations as history and their search: reads on the store's readers, dates in the reporting time zone.
  service::ConversationDirectory conversation_directory(store, calendar);
  api::add_conversation_routes(router, auth, conversation_directory);
  // #14 privacy: exports are read on the readers too, and audited through the chat service (the leader).
  service::ContactExporter contact_exporter(store, chat, clock);
  api::add_contact_export_route(router, auth, contact_exporter);
  auto outbox_store = open_store(database_url, config.data_dir);
  service::WebhookDeliveries webhook_deliveries(webhook_transport, clock, &metrics);
  service::OutboxOptions outbox_options;
  outbox_options.backoff = {config.webhook_retry_initial, config.webhook_retry_max};
  outbox_options.retry_for = config.webhook_retry_for;
  outbox_options.poll = config.webhook_poll;
  service::Outbox outbox(*outbox_store, webhook_deliveries, clock, outbox_options);
  if (node) node->on_leading = [&outbox](bool leading) { leading ? outbox.start() : outbox.stop(); };
  else outbox.start();
  if (node)
    api::add_cluster_routes(router, {node->dispatcher(), cluster_key, [&node] { return node->leading(); }});
  boost::json::array routes;  // what the OpenAPI coverage test (tests/integration/openapi_test) reads
  for (std::size_t i = 0; i < router.route_count(); ++i) routes.emplace_back(router.route_name(i));
  support::log_event(spdlog::level::debug, "routes", {{"routes", std::move(routes)}});
  api::CustomerWsEndpoint customer_ws(chat, hub);
  api::AgentWsEndpoint agent_ws(chat, auth, hub);
  api::DashboardWsEndpoint dashboard_ws(chat, auth, hub);
  api::SnapshotPeriods snapshot_periods;
  snapshot_periods.min_interval = config.snapshot_min_interval;
  snapshot_periods.queue = config.queue_snapshot;
  snapshot_periods.metrics = config.metrics_snapshot;
  snapshot_periods.active_sessions = config.active_snapshot;
  api::SnapshotPublisher snapshots(chat, hub, *bus, snapshot_periods);
  std::unique_ptr<app::DemoSimulation> demo;
  if (config.demo) {
    demo = std::make_unique<app::DemoSimulation>(chat, *bus, clock, simulated_agents);
    demo->start();
  }
  net::StaticFiles static_files(config.web_dir);

  net::ServerOptions options;
  options.bind_address = config.bind;
  options.port = config.port;
  options.io_threads = config.io_threads > 0 ? config.io_threads : int(std::max(1u, std::thread::hardware_concurrency()));
  options.header_timeout = config.header_timeout;
  constexpr std::size_t attachment_limit = 10 * 1024 * 1024;
  constexpr std::size_t cluster_call_limit = 16 * 1024 * 1024;  // a node's full presence report
  options.largest_body_limit = cluster_call_limit;
  options.large_body_limit = [](std::string_view method, std::string_view path) -> std::size_t {
    if (method != "POST") return 0;
    if (path == "/internal/v1/cluster/call") return cluster_call_limit;
    const bool upload = path.starts_with("/api/v1/chat/sessions/") && path.ends_with("/attachments");
    return upload ? attachment_limit : 0;
  };
  options.metrics = &metrics;
  options.websocket_kinds = {{"/api/v1/chat/ws", "customer"},
                             {"/api/v1/agent/ws", "agent"},
                             {"/api/v1/admin/chat-dashboard/ws", "dashboard"}};
  if (!config.metrics_bind.empty()) {
    const auto where = *app::parse_host_port(config.metrics_bind);  // checked by the command line
    auto scrape = [&metrics] { return metrics.scrape(); };
    options.metrics_listener = net::ServerOptions::MetricsListener{where.host, where.port, scrape};
  }
  options.stream_send_timeout = config.event_stream_send_timeout;
  // Long-polls answer (an empty page) instead of holding shutdown for up to a minute.
  options.on_stopping = [&event_watermark] { event_watermark.expire(service::EventWatermark::Clock::time_point::max()); };
  options.websocket.auth_timeout = config.ws_auth_timeout;
  options.websocket.idle_timeout = config.ws_idle_timeout;
  options.websocket_endpoints = {{"/api/v1/chat/ws", &customer_ws},
                                 {"/api/v1/agent/ws", &agent_ws},
                                 {"/api/v1/admin/chat-dashboard/ws", &dashboard_ws}};
  // Deadlines are the engine's, so only the node whose engine decides checks them.
  options.periodic = {{config.tick, [&local_chat, &node] {
                         if (!node || node->leading()) local_chat.tick();
                       }},
                      {std::min(config.snapshot_min_interval, std::chrono::milliseconds(250)),
                       [&snapshots] { snapshots.tick(); }}};
  if (node) options.periodic.push_back({std::chrono::milliseconds(10'000), [&node] { node->resend_presence(); }});
  options.periodic.push_back({config.search_index, [&search_projection, &node] {
                                if (!node || node->leading()) search_projection.run();
                              }});
  options.periodic.push_back({config.event_prune, [&event_retention, &webhooks, &node, &config,
                                                    &conversation_retention] {
                                if (node && !node->leading()) return;
                                event_retention.prune();
                                conversation_retention.run();  // #14 privacy
                                webhooks.prune_attempts(config.event_retention);  // attempts live as long as the log
                              }});
  options.periodic.push_back({std::min(config.event_stream_poll, std::chrono::milliseconds(250)),
                              [&event_feed] { event_feed.tick(); }});
  options.periodic.push_back({config.api_token_refresh, [&api_tokens] { api_tokens.refresh(); }});
  if (demo) options.periodic.push_back({std::chrono::milliseconds(1000), [&demo] { demo->tick(); }});
  if (node) options.on_listening = [&node](std::uint16_t port) { node->start(port); };
  net::Server server(options, router, static_files);
  // When this node may have missed events (the old leader may have died
  // between commit and publish; or it was cut off from Redis), it reads them
  // from the event log. Only if the log cannot answer do its clients
  // reconnect and resume by seq from the database.
  auto resync_clients = [&server](const char* why) {
    const auto asked = server.restart_websockets();
    support::log_event(spdlog::level::warn, why, {{"websockets", asked}});
  };
  if (node && redis) node->on_failover = [redis] { redis->catch_up(); };
  else if (node) node->on_failover = [resync_clients] { resync_clients("resync_after_failover"); };
  if (redis) redis->on_resync([resync_clients] { resync_clients("resync_after_event_gap"); });
  server.run();

  outbox.stop();
  webhook_checks.stop();
  webhook_transport.stop();
  // Every connection is gone; let queued work finish so nothing acknowledged is lost.
  crypto.stop();
  files.stop();
  store.stop();
  if (node) node->stop();  // after the store drained: a successor loads all of it
  if (redis) redis->stop();
  fanout.stop();
  support::log_event(spdlog::level::info, "stopped");
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const app::Command command = app::parse_command_line(argc, argv);
  try {
    switch (command.kind) {
      case app::Command::Kind::serve: return serve(command.serve);
      case app::Command::Kind::user_add: return add_user(command.user_add);
      case app::Command::Kind::search_rebuild: return rebuild_search(command.search_rebuild);
      case app::Command::Kind::exit: return command.exit_code;
    }
  } catch (const service::AccountError& error) {
    std::cerr << "livedesk: " << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "livedesk: " << error.what() << "\n";
    return 1;
  }
  return 1;
}
