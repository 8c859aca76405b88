// The livedesk server(s) a benchmark runs against, started by the bench itself.
//
// start() makes a fresh temporary data dir, creates the admin account with the
// documented CLI (`livedesk user add`), then starts one `livedesk serve` (SQLite)
// or, with a database, `nodes` servers sharing that PostgreSQL and Redis, and
// waits until every node has seen a leader. stop() SIGTERMs every node (SIGKILL
// after 30 s) and removes the data dir. With options.data_dir the server runs
// on that existing dir (a seeded history): no admin is added, nothing removed. The parent process owns it; workers
// only inherit its endpoints through the LoopbackDialer.
#pragma once

#include <sys/types.h>

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <vector>

#include "cli/bench_options.hpp"

namespace livedesk::bench {

// One or more `livedesk serve` child processes and their data dir.
class ServerUnderTest {
 public:
  static constexpr const char* kAdminUser = "benchadmin";
  static constexpr const char* kAdminPassword = "bench-admin-password-1";

  explicit ServerUnderTest(ServerOptions options);
  ~ServerUnderTest();
  ServerUnderTest(const ServerUnderTest&) = delete;
  ServerUnderTest& operator=(const ServerUnderTest&) = delete;

  // Dies (process/fatal.hpp) when a node cannot be started.
  void start();
  // Idempotent.
  void stop();

  const std::vector<boost::asio::ip::tcp::endpoint>& endpoints() const { return endpoints_; }
  // What the chat scenario reports as "persistence".
  std::string persistence() const;
  // Every node together: what the scenarios report as "the server".
  long rss_kib() const;
  double cpu_seconds() const;
  long open_fds() const;

 private:
  void add_admin() const;
  pid_t start_node(int node, int port, const std::string& dir);
  void wait_for_leaders() const;
  std::string node_dir(int node) const;

  ServerOptions options_;
  std::string dir_;
  std::vector<pid_t> pids_;  // one per node
  std::vector<boost::asio::ip::tcp::endpoint> endpoints_;
};

}  // namespace livedesk::bench
