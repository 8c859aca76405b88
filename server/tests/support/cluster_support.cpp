#include "support/cluster_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "support/test_services_util.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error(std::string("no free port: ") + std::strerror(errno));
  ::close(fd);
  return ntohs(address.sin_port);
}

ChildProcess::ChildProcess(std::vector<std::string> argv, fs::path log) : argv_(std::move(argv)), log_(std::move(log)) {
  start();
}

ChildProcess::~ChildProcess() {
  if (running()) stop(SIGTERM);  // lets it end cleanly; stop() escalates to SIGKILL after 10 s
}

void ChildProcess::start() {
  if (running()) return;
  const int out = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out < 0 || in < 0) throw std::runtime_error("cannot open " + log_.string() + " or /dev/null");
  try {
    pid_ = spawn_program(argv_, {}, in, out, out);
  } catch (...) {
    ::close(out);
    ::close(in);
    throw;
  }
  ::close(out);
  ::close(in);
}

void ChildProcess::stop(int signal) {
  if (!running()) return;
  ::kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  pid_ = -1;
}

std::string ChildProcess::log_text() const { return fs::exists(log_) ? read_file(log_) : ""; }

namespace {
// Where Debian's packages put them (scripts/install-deps.sh installs both).
const char* const kRedisServer = "/usr/bin/redis-server";
const char* const kNginx = "/usr/sbin/nginx";

std::string random_suffix() {
  std::random_device device;
  return std::to_string(std::uniform_int_distribution<std::uint64_t>(1, 1'000'000'000'000)(device));
}

void wait_for_port(unsigned short port, const ChildProcess& process, const std::string& what) {
  poll_until(
      [&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool open = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::close(fd);
        return open;
      },
      what + " listening on " + std::to_string(port) + "; its log:\n" + process.log_text(), 20s);
}
}  // namespace

TestDatabase::TestDatabase() {
  auto base = support::test_service("LIVEDESK_TEST_PG_URL");
  if (!base) throw std::runtime_error("LIVEDESK_TEST_PG_URL is not set (run under ctest: scripts/test-services.sh)");
  admin_url_ = *base;
  name_ = "cluster_" + random_suffix();
  pqxx::connection connection(admin_url_);
  pqxx::nontransaction txn(connection);
  txn.exec("CREATE DATABASE " + txn.quote_name(name_));
  url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection connection(admin_url_);
    pqxx::nontransaction txn(connection);
    txn.exec("DROP DATABASE IF EXISTS " + txn.quote_name(name_) + " WITH (FORCE)");
  } catch (const std::exception&) {
    // A database left behind lives in the test server's temporary directory.
  }
}

RedisServer::RedisServer() : port_(free_port()) { start(); }

void RedisServer::start() {
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{kRedisServer, "--bind", "127.0.0.1", "--port", std::to_string(port_), "--dir",
                               dir_.path().string(), "--save", "", "--appendonly", "no"},
      dir_.path() / "redis.log");
  wait_for_port(port_, *process_, "redis-server");
}

NginxBalancer::NginxBalancer(const std::vector<unsigned short>& upstreams) : port_(free_port()) {
  // The shipped config, with the test's ports and paths.
  const fs::path shipped = fs::path(LIVEDESK_SOURCE_DIR) / "deploy" / "nginx-livedesk-cluster.conf";
  std::string config = read_file(shipped);
  auto replace = [&config](const std::string& from, const std::string& to) {
    const auto at = config.find(from);
    if (at == std::string::npos) throw std::runtime_error("deploy/nginx-livedesk-cluster.conf lacks " + from);
    config.replace(at, from.size(), to);
  };
  std::string servers;
  for (auto port : upstreams)
    servers += "    server 127.0.0.1:" + std::to_string(port) + " max_fails=1 fail_timeout=2s;\n";
  replace("    server 127.0.0.1:8001 max_fails=1 fail_timeout=2s;\n    server 127.0.0.1:8002 max_fails=1 fail_timeout=2s;\n"
          "    server 127.0.0.1:8003 max_fails=1 fail_timeout=2s;\n",
          servers);
  replace("listen 80;", "listen 127.0.0.1:" + std::to_string(port_) + ";");
  const auto dir = dir_.path().string();
  // One process (no master + workers): killing it, or the test dying (PR_SET_PDEATHSIG), leaves nothing behind.
  std::string head = "daemon off;\nmaster_process off;\npid " + dir + "/nginx.pid;\nerror_log " + dir +
                     "/error.log warn;\n" + (::geteuid() == 0 ? "user root;\n" : "") +
                     "events { worker_connections 4096; }\nhttp {\n  access_log off;\n  client_body_temp_path " + dir +
                     "/body;\n  proxy_temp_path " + dir + "/proxy;\n  fastcgi_temp_path " + dir +
                     "/fastcgi;\n  uwsgi_temp_path " + dir + "/uwsgi;\n  scgi_temp_path " + dir + "/scgi;\n";
  write_file(dir_.path() / "nginx.conf", head + config + "}\n");
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{kNginx, "-p", dir + "/", "-c", dir + "/nginx.conf"}, dir_.path() / "nginx.log");
  wait_for_port(port_, *process_, "nginx");
}

Cluster::Cluster(ClusterOptions options) {
  if (options.database_url.empty()) {
    database_ = std::make_unique<TestDatabase>();
    database_url_ = database_->url();
  } else {
    database_url_ = options.database_url;
  }
  TempDir cli_dir("livedesk-cli");
  for (const auto& user : options.users) {
    std::vector<std::string> args{"user", "add", user.username, "--role", user.role, "--password-stdin",
                                  "--database", database_url_, "--data-dir", cli_dir.path().string()};
    if (!user.name.empty()) args.insert(args.end(), {"--name", user.name});
    auto result = run_cli(args, user.password + "\n");
    if (result.exit_code != 0) throw std::runtime_error("user add failed: " + result.err + result.out);
  }
  std::vector<unsigned short> ports;
  for (int i = 0; i < options.nodes; ++i) {
    const auto node_dir = dir_.path() / ("node" + std::to_string(i));
    fs::create_directories(node_dir / "web");
    std::vector<std::string> args{"--port", std::to_string(free_port()), "--bind", "127.0.0.1", "--data-dir",
                                  (node_dir / "data").string(), "--web-dir", (node_dir / "web").string(),
                                  "--database", database_url_, "--redis", redis_.url(), "--node-id",
                                  "node" + std::to_string(i), "--leader-poll-ms", "100", "--node-timeout-ms", "1500",
                                  "--tick-ms", "100"};
    args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
    node_args_.push_back(std::move(args));
    nodes_.push_back(start_node(i));
    ports.push_back(nodes_.back()->port());
  }
  wait_for_leader_everywhere();
  if (options.balancer) balancer_ = std::make_unique<NginxBalancer>(ports);
}

std::unique_ptr<ServerProcess> Cluster::start_node(int i) {
  return std::make_unique<ServerProcess>(ServerOptions{
      .args = node_args_.at(i), .data_dir = dir_.path() / ("node" + std::to_string(i)) / "data", .pass_port_flags = false});
}

void Cluster::restart(int i) {
  if (nodes_.at(i)->running()) nodes_[i]->stop(SIGKILL);
  retired_.push_back(std::move(nodes_[i]));
  nodes_[i] = start_node(i);
}

int Cluster::leader() {
  // The running node whose latest lease event is "leading", with the highest epoch.
  int found = -1;
  poll_until(
      [&] {
        std::int64_t best = -1;
        for (int i = 0; i < size(); ++i) {
          if (!nodes_[i]->running()) continue;
          std::optional<std::int64_t> epoch;
          for (const auto& line : nodes_[i]->log_objects()) {
            const auto* msg = line.if_contains("msg");
            if (!msg || !msg->is_string()) continue;
            if (*msg == "leading") epoch = line.at("epoch").to_number<std::int64_t>();
            else if (*msg == "stepped_down") epoch.reset();
          }
          if (epoch && *epoch > best) best = *epoch, found = i;
        }
        return found >= 0;
      },
      "a running node to be elected leader:\n" + logs(), 30s);
  return found;
}

void Cluster::wait_for_leader_everywhere() {
  const int lead = leader();
  const std::string lead_id = "node" + std::to_string(lead);
  for (auto& node : nodes_) {
    if (!node->running()) continue;
    node->wait_for_log(
        [&](const boost::json::object& line) {
          const auto* msg = line.if_contains("msg");
          const auto* leader = line.if_contains("leader");
          return msg && *msg == "leader_changed" && leader && *leader == lead_id.c_str();
        },
        30s);
  }
}

std::string Cluster::logs() {
  std::string out;
  for (const auto& node : retired_) out += "---- an earlier process of a restarted node\n" + node->logs();
  for (int i = 0; i < size(); ++i) out += "---- node" + std::to_string(i) + "\n" + nodes_[i]->logs();
  return out;
}

}  // namespace livedesk::it
