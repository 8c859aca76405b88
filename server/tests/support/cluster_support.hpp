// The real parts of a livedesk cluster for the integration tests: a fresh
// database on the test PostgreSQL, a Redis server and an nginx balancer of
// the test's own (each a child process on a free loopback port, so a test may
// kill and restart it), and N livedesk nodes sharing them.
//
// Failures throw std::runtime_error with the child's log in the message.
#pragma once

#include <sys/types.h>

#include <csignal>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/server_process.hpp"

namespace livedesk::it {

// A free TCP port on 127.0.0.1 at the time of the call.
unsigned short free_port();

// A program the test owns (argv[0] an absolute path): spawn_program with its
// output in `log`, killed with the test process and stopped (SIGTERM) by the
// destructor.
class ChildProcess {
 public:
  ChildProcess(std::vector<std::string> argv, std::filesystem::path log);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void start();
  // Sends `signal` and reaps the child (SIGKILL after 10 s).
  void stop(int signal = SIGTERM);
  bool running() const { return pid_ > 0; }
  std::string log_text() const;

 private:
  std::vector<std::string> argv_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
};

// A database of its own on the test PostgreSQL (LIVEDESK_TEST_PG_URL), dropped afterwards.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  const std::string& url() const { return url_; }

 private:
  std::string admin_url_, name_, url_;
};

// redis-server on a port of its own; kill() and start() keep the port.
class RedisServer {
 public:
  RedisServer();
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  void kill() { process_->stop(SIGKILL); }
  void start();

 private:
  TempDir dir_{"livedesk-redis"};
  unsigned short port_;
  std::unique_ptr<ChildProcess> process_;
};

// nginx balancing HTTP and WebSockets over `upstreams` with deploy/'s settings.
class NginxBalancer {
 public:
  explicit NginxBalancer(const std::vector<unsigned short>& upstreams);
  unsigned short port() const { return port_; }

 private:
  TempDir dir_{"livedesk-nginx"};
  unsigned short port_;
  std::unique_ptr<ChildProcess> process_;
};

// N livedesk nodes on one database and one Redis, behind nginx; each node keeps its port across restarts.
struct ClusterOptions {
  int nodes = 3;
  std::vector<StaffUser> users;
  std::vector<std::string> extra_args;
  bool balancer = true;
  std::string database_url;  // empty: a fresh database on the test PostgreSQL (TestDatabase)
};

class Cluster {
 public:
  explicit Cluster(ClusterOptions options);

  ServerProcess& node(int i) { return *nodes_.at(i); }
  unsigned short port(int i) { return nodes_.at(i)->port(); }
  int size() const { return int(nodes_.size()); }
  unsigned short balancer_port() const { return balancer_->port(); }
  RedisServer& redis() { return redis_; }
  const std::string& database_url() const { return database_url_; }
  // Starts node i again on its port (as the service manager would), SIGKILLing it first if it still runs; the
  // old process's logs stay in logs().
  void restart(int i);
  // The index of the node that leads now (from the nodes' logs; waits up to 30 s).
  int leader();
  // Waits until every running node has seen a leader with epoch >= `epoch`.
  void wait_for_leader_everywhere();
  std::string logs();

 private:
  std::unique_ptr<ServerProcess> start_node(int i);

  std::unique_ptr<TestDatabase> database_;
  std::string database_url_;
  RedisServer redis_;
  TempDir dir_{"livedesk-cluster"};
  std::vector<std::vector<std::string>> node_args_;  // each node's whole command line, its port included
  std::vector<std::unique_ptr<ServerProcess>> nodes_;
  std::vector<std::unique_ptr<ServerProcess>> retired_;  // restarted nodes' earlier processes, for their logs
  std::unique_ptr<NginxBalancer> balancer_;
};

}  // namespace livedesk::it
