// Prometheus /metrics against the real binary: off (404) by default, on the
// main port only with the metrics token, on a separate --metrics-bind port
// that serves nothing else; counters move with real traffic; the scraped
// text, the alert rules and the scrape config pass Debian's promtool; and
// every livedesk_ metric the dashboard, the alerts and docs/metrics.md name
// is one the server exposes (and docs/metrics.md names every one it does).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "support/cluster_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace {
namespace fs = std::filesystem;

const std::string kToken = "metrics-token-0123456789abcdef";
const fs::path kSource = LIVEDESK_SOURCE_DIR;

// promtool on PATH, or "" (the tests that need it skip then).
std::string promtool_path() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / "promtool";
    if (::access(candidate.c_str(), X_OK) == 0) return fs::absolute(candidate).string();
  }
  return "";
}

struct ToolRun {
  int exit_code = -1;
  std::string output;
};

// Runs promtool with `args`, feeding `stdin_text`; waits for it (it ends by itself).
ToolRun run_promtool(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  TempDir dir("livedesk-promtool");
  write_file(dir.path() / "in", stdin_text);
  const int in = ::open((dir.path() / "in").c_str(), O_RDONLY);
  const int out = ::open((dir.path() / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> argv{promtool_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = spawn_program(argv, {}, in, out, out);
  ::close(in);
  ::close(out);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read_file(dir.path() / "out")};
}

#define REQUIRE_PROMTOOL() \
  if (promtool_path().empty()) GTEST_SKIP() << "promtool is not installed (Debian package prometheus); not checked"

// The value of the sample written exactly as `series` (name and labels), or nullopt.
std::optional<double> sample(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 && line[series.size()] == ' ')
      return std::stod(line.substr(series.size() + 1));
  return std::nullopt;
}

// Every family the exposition declares (its # TYPE lines).
std::set<std::string> families(const std::string& text) {
  std::set<std::string> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("# TYPE ")) out.insert(line.substr(7, line.find(' ', 7) - 7));
  return out;
}

// Every livedesk_ metric named in `text`, a histogram's _bucket/_sum/_count read as its family.
std::set<std::string> metric_names_in(const std::string& text) {
  std::set<std::string> out;
  static const std::regex name("livedesk_[a-z_]+");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), name); it != std::sregex_iterator(); ++it) {
    std::string found = it->str();
    for (const char* suffix : {"_bucket", "_sum", "_count"})
      if (found.ends_with(suffix)) found.resize(found.size() - std::string(suffix).size());
    out.insert(found);
  }
  return out;
}

std::string scrape(unsigned short port, const Headers& headers = {}) {
  const auto result = request(port, "GET", "/metrics", "", headers);
  EXPECT_TRUE(HasStatus(result, 200)) << result.describe();
  EXPECT_EQ(result.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  return result.body;
}

void expect_promtool_accepts(const std::string& text) {
  const auto run = run_promtool({"check", "metrics"}, text);
  EXPECT_EQ(run.exit_code, 0) << "promtool check metrics:\n" << run.output << "\n--- scraped:\n" << text;
}

unsigned short metrics_port(const ServerProcess& server) {
  const auto line =
      server.wait_for_log([](const boost::json::object& o) { return str_at(o, {"msg"}) == "metrics_listening"; });
  return static_cast<unsigned short>(int_at(line, {"port"}).value_or(0));
}

TEST(Metrics, WithoutTokenOrBindMetricsIsNotFound) {
  ServerProcess server;
  EXPECT_TRUE(IsError(request(server.port(), "GET", "/metrics"), 404, "not_found"));
  EXPECT_TRUE(IsError(request(server.port(), "GET", "/metrics", "", bearer(kToken)), 404, "not_found"));
  EXPECT_TRUE(server.log_messages("metrics_listening").empty());
}

TEST(Metrics, MainPortNeedsTheTokenAndCountersMoveWithTraffic) {
  ServerProcess server(ServerOptions{.args = {"--metrics-token", kToken}});
  const auto port = server.port();
  const auto refused = request(port, "GET", "/metrics");
  EXPECT_TRUE(IsError(refused, 401, "unauthorized"));
  EXPECT_EQ(refused.header("WWW-Authenticate"), "Bearer realm=\"livedesk-metrics\"");
  EXPECT_TRUE(IsError(request(port, "GET", "/metrics", "", bearer(kToken + "x")), 401, "unauthorized"));
  EXPECT_TRUE(IsError(request(port, "GET", "/metrics", "", bearer("metrics-token-0123456789abcdeX")), 401));

  const std::string before = scrape(port, bearer(kToken));
  const std::string customer_messages = "livedesk_messages_stored_total{sender=\"customer\"}";
  EXPECT_EQ(sample(before, customer_messages), 0) << before;
  EXPECT_GT(sample(before, "livedesk_process_start_time_seconds").value_or(0), 1.7e9);

  const auto chat = start_chat(port, "Mia", "mia@example.com", {{"message", "hello, metrics"}});
  auto customer = open_customer(port, chat.token);
  std::string after;
  poll_until(
      [&] {
        after = scrape(port, bearer(kToken));
        return sample(after, customer_messages) == 1 &&
               sample(after, "livedesk_open_connections{kind=\"customer\"}") == 1 &&
               sample(after, "livedesk_websocket_frames_sent_total{kind=\"customer\"}").value_or(0) >= 1;
      },
      "the customer's message, socket and frames in /metrics");
  EXPECT_EQ(sample(after, "livedesk_chat_queue_depth"), 1) << after;
  EXPECT_GE(sample(after, "livedesk_chat_queue_longest_wait_seconds").value_or(-1), 0) << after;
  EXPECT_GE(sample(after, "livedesk_http_requests_total{route=\"POST /api/v1/chat/sessions\",status=\"2xx\"}"), 1)
      << after;
  EXPECT_GE(sample(after, "livedesk_http_requests_total{route=\"GET /metrics\",status=\"4xx\"}"), 3) << after;
  EXPECT_GE(sample(after, "livedesk_http_requests_total{route=\"websocket\",status=\"1xx\"}"), 1) << after;
  EXPECT_GE(sample(after, "livedesk_store_commit_batch_size_count").value_or(0), 1) << after;
  EXPECT_GE(sample(after, "livedesk_fanout_latency_seconds_count").value_or(0), 1) << after;
  EXPECT_EQ(sample(after, "livedesk_store_commit_seconds_bucket{le=\"+Inf\"}"),
            sample(after, "livedesk_store_commit_seconds_count"));
  EXPECT_TRUE(sample(after, "livedesk_store_pending_jobs").has_value()) << after;
  EXPECT_FALSE(sample(after, "livedesk_cluster_leader").has_value()) << "one node has no cluster role";

  customer->close();
  poll_until([&] { return sample(scrape(port, bearer(kToken)), "livedesk_open_connections{kind=\"customer\"}") == 0; },
             "the closed socket leaves the gauge");

  REQUIRE_PROMTOOL();
  expect_promtool_accepts(after);
}

TEST(Metrics, SeparateBindServesOnlyMetrics) {
  ServerProcess server(ServerOptions{.args = {"--metrics-bind", "127.0.0.1:0"}});
  const auto port = metrics_port(server);
  ASSERT_NE(port, 0);
  ASSERT_NE(port, server.port());
  EXPECT_TRUE(IsError(request(server.port(), "GET", "/metrics"), 404, "not_found")) << "no token: not on the main port";

  start_chat(server.port(), "Noor", "noor@example.com", {{"message", "one"}});
  std::string text;
  poll_until(
      [&] {
        text = scrape(port);
        return sample(text, "livedesk_messages_stored_total{sender=\"customer\"}") == 1;
      },
      "the message counted on the metrics port");
  EXPECT_EQ(request(port, "GET", "/metrics?format=text").status, 200);
  for (const char* other : {"/", "/index.html", "/api/v1/chat/sessions", "/healthz", "/metrics/x"})
    EXPECT_EQ(request(port, "GET", other).status, 404) << other;
  const auto post = request(port, "POST", "/metrics", "x");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("Allow"), "GET, HEAD");

  REQUIRE_PROMTOOL();
  expect_promtool_accepts(text);
}

TEST(Metrics, ClusterNodesReportOneLeaderOneEpochAndTheLeadersEngine) {
  Cluster cluster({.nodes = 2, .extra_args = {"--metrics-token", kToken}, .balancer = false});
  const int lead = cluster.leader();
  const int follower = 1 - lead;
  cluster.wait_for_leader_everywhere();
  start_chat(cluster.port(follower), "Ola", "ola@example.com", {{"message", "via the follower"}});
  std::string leader_text, follower_text;
  poll_until(
      [&] {
        leader_text = scrape(cluster.port(lead), bearer(kToken));
        follower_text = scrape(cluster.port(follower), bearer(kToken));
        const auto epoch = sample(leader_text, "livedesk_cluster_epoch");
        return sample(leader_text, "livedesk_cluster_leader") == 1 &&
               sample(follower_text, "livedesk_cluster_leader") == 0 && epoch.value_or(0) >= 1 &&
               sample(follower_text, "livedesk_cluster_epoch") == epoch &&
               sample(leader_text, "livedesk_messages_stored_total{sender=\"customer\"}") == 1 &&
               sample(follower_text, "livedesk_event_log_position").value_or(0) >= 1;
      },
      "one leader, one epoch, the message counted where the engine runs and its event delivered everywhere");
  // The engine (and so the count and the queue) lives on the leader only.
  EXPECT_EQ(sample(follower_text, "livedesk_messages_stored_total{sender=\"customer\"}"), 0) << follower_text;
  EXPECT_EQ(sample(follower_text, "livedesk_chat_queue_depth"), 0) << follower_text;
  EXPECT_EQ(sample(leader_text, "livedesk_chat_queue_depth"), 1) << leader_text;
  EXPECT_EQ(sample(follower_text, "livedesk_event_log_position"), sample(leader_text, "livedesk_event_log_position"));

  REQUIRE_PROMTOOL();
  expect_promtool_accepts(leader_text);
}

TEST(Metrics, DashboardAlertsAndDocsNameOnlyExposedMetricsAndDocsNameThemAll) {
  ServerProcess server(ServerOptions{.args = {"--metrics-token", kToken}});
  const auto exposed = families(scrape(server.port(), bearer(kToken)));
  ASSERT_GT(exposed.size(), 15u);
  const auto dashboard_text = read_file(kSource / "deploy/grafana/livedesk-dashboard.json");
  EXPECT_NO_THROW(boost::json::parse(dashboard_text)) << "the dashboard is JSON";
  for (const char* file :
       {"deploy/grafana/livedesk-dashboard.json", "deploy/prometheus/livedesk-alerts.yml", "docs/metrics.md"}) {
    const auto named = metric_names_in(read_file(kSource / file));
    EXPECT_FALSE(named.empty()) << file;
    for (const auto& name : named) EXPECT_TRUE(exposed.count(name)) << file << " names " << name << ", not exposed";
  }
  const auto documented = metric_names_in(read_file(kSource / "docs/metrics.md"));
  for (const auto& name : exposed) EXPECT_TRUE(documented.count(name)) << name << " is not in docs/metrics.md";
}

TEST(Metrics, AlertRulesAndScrapeConfigPassPromtool) {
  REQUIRE_PROMTOOL();
  const auto rules = run_promtool({"check", "rules", (kSource / "deploy/prometheus/livedesk-alerts.yml").string()});
  EXPECT_EQ(rules.exit_code, 0) << rules.output;
  EXPECT_NE(rules.output.find("SUCCESS"), std::string::npos) << rules.output;
  // The scrape config names the rules file, so this checks both together.
  const auto config = run_promtool({"check", "config", (kSource / "deploy/prometheus/prometheus.yml").string()});
  EXPECT_EQ(config.exit_code, 0) << config.output;
}

}  // namespace
}  // namespace livedesk::it
