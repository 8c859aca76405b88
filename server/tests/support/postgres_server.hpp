// A PostgreSQL 15 server of the test's own, for tests that restart or pause
// the database (the shared LIVEDESK_TEST_PG_URL server serves other tests in
// parallel): initdb into a temporary directory, then pg_ctl start on a free
// loopback port, with fsync on as in production. Run as root, every
// PostgreSQL program runs as the user postgres (runuser), who owns the
// directory, as scripts/test-services.sh does.
//
// pg_ctl detaches the postmaster from the test, so a watchdog process (not
// the test's descendant) stops the server and removes its directory if the
// test process dies first. The destructor stops it (immediate mode).
// Failures throw std::runtime_error with the server's log. One thread uses
// an object at a time.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "support/server_process.hpp"

namespace livedesk::it {

class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // postgresql://postgres@127.0.0.1:<port>/<database>
  std::string url(const std::string& database = "postgres") const;
  // CREATE DATABASE <name>; returns its url.
  std::string create_database(const std::string& name);
  // `pg_ctl restart -m <mode>` (smart, fast or immediate): returns once it accepts connections again.
  void restart(const std::string& mode);
  // SIGSTOP, then SIGCONT, to the postmaster and every process it started:
  // the server stops answering while every connection stays open.
  void pause();
  void resume();
  std::string log_text() const;

 private:
  // Runs a PostgreSQL program (as postgres when root) to its end; throws unless it exits 0.
  void run(const std::string& program, std::vector<std::string> args, std::chrono::seconds deadline);
  std::vector<pid_t> processes() const;
  void start_watchdog() const;
  void stop_quietly();

  TempDir dir_{"livedesk-pg"};
  unsigned short port_ = 0;
  bool paused_ = false;
};

}  // namespace livedesk::it
