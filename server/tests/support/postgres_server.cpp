#include "support/postgres_server.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "support/cluster_support.hpp"

namespace livedesk::it {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {
// Debian's PostgreSQL 15 (scripts/install-deps.sh).
const fs::path kPgBin = "/usr/lib/postgresql/15/bin";
const char* const kRunuser = "/usr/sbin/runuser";

bool as_root() { return ::geteuid() == 0; }

// The command line of a PostgreSQL program, as postgres when we are root.
std::vector<std::string> pg_command(const std::string& program, const std::vector<std::string>& args) {
  std::vector<std::string> argv;
  if (as_root()) argv = {kRunuser, "-u", "postgres", "--"};
  argv.push_back((kPgBin / program).string());
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::string shell_quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

PostgresServer::PostgresServer() {
  if (as_root()) {
    const passwd* postgres = ::getpwnam("postgres");
    if (!postgres) throw std::runtime_error("running as root, but there is no user postgres to run PostgreSQL");
    if (::chown(dir_.path().c_str(), postgres->pw_uid, postgres->pw_gid) != 0)
      throw std::runtime_error(std::string("chown of the PostgreSQL directory: ") + std::strerror(errno));
  }
  const auto data = (dir_.path() / "data").string();
  run("initdb", {"-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"}, 120s);
  start_watchdog();
  for (int attempt = 1;; ++attempt) {
    port_ = free_port();
    try {
      run("pg_ctl", {"-D", data, "-l", (dir_.path() / "server.log").string(), "-w", "-t", "60", "-o",
                     "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " + dir_.path().string() +
                         " -c fsync=on -c max_connections=100",
                     "start"},
          90s);
      return;
    } catch (const std::exception&) {
      if (attempt == 5) {
        stop_quietly();
        throw;
      }
    }
  }
}

PostgresServer::~PostgresServer() { stop_quietly(); }

void PostgresServer::stop_quietly() {
  try {
    if (paused_) resume();
    run("pg_ctl", {"-D", (dir_.path() / "data").string(), "-m", "immediate", "-w", "stop"}, 60s);
  } catch (const std::exception&) {
    // Not running (it never started, or already stopped).
  }
}

std::string PostgresServer::url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::create_database(const std::string& name) {
  pqxx::connection connection(url());
  pqxx::nontransaction txn(connection);
  txn.exec("CREATE DATABASE " + txn.quote_name(name));
  return url(name);
}

void PostgresServer::restart(const std::string& mode) {
  run("pg_ctl", {"-D", (dir_.path() / "data").string(), "-l", (dir_.path() / "server.log").string(), "-m", mode, "-w",
                 "-t", "60", "restart"},
      90s);
}

void PostgresServer::pause() {
  // The postmaster first, so that it starts nobody new while its children are stopped.
  for (const auto pid : processes()) ::kill(pid, SIGSTOP);
  paused_ = true;
}

void PostgresServer::resume() {
  for (const auto pid : processes()) ::kill(pid, SIGCONT);
  paused_ = false;
}

std::string PostgresServer::log_text() const {
  const auto log = dir_.path() / "server.log";
  return fs::exists(log) ? read_file(log) : "";
}

void PostgresServer::run(const std::string& program, std::vector<std::string> args, std::chrono::seconds deadline) {
  const auto log = dir_.path() / (program + ".log");
  const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out < 0 || in < 0) throw std::runtime_error("cannot open " + log.string() + " or /dev/null");
  pid_t pid = -1;
  try {
    pid = spawn_program(pg_command(program, args), {}, in, out, out);
  } catch (...) {
    ::close(out), ::close(in);
    throw;
  }
  ::close(out), ::close(in);
  const auto until = std::chrono::steady_clock::now() + deadline;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > until) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      throw std::runtime_error(program + " did not finish within " + std::to_string(deadline.count()) + " s:\n" +
                               read_file(log) + "\nserver log:\n" + log_text());
    }
    std::this_thread::sleep_for(20ms);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(program + " failed:\n" + read_file(log) + "\nserver log:\n" + log_text());
}

std::vector<pid_t> PostgresServer::processes() const {
  std::ifstream pid_file(dir_.path() / "data" / "postmaster.pid");
  pid_t postmaster = 0;
  if (!(pid_file >> postmaster) || postmaster <= 0) throw std::runtime_error("PostgreSQL is not running");
  std::vector<pid_t> pids{postmaster};
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;  // gone meanwhile
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    pid_t parent = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &parent) == 2 && parent == postmaster)
      pids.push_back(std::stoi(name));
  }
  return pids;
}

void PostgresServer::start_watchdog() const {
  // Polls for the test process and for the marker file; once the test is gone
  // with the marker still there, stops the server and removes its directory.
  // The destructor's removal of the directory ends it quietly.
  const auto marker = dir_.path() / "watchdog";
  write_file(marker, "");
  const auto pid_file = shell_quote((dir_.path() / "data" / "postmaster.pid").string());
  std::string stop;
  for (const auto& word : pg_command("pg_ctl", {"-D", (dir_.path() / "data").string(), "-m", "immediate", "-w", "stop"}))
    stop += shell_quote(word) + " ";
  const std::string script =
      "while kill -0 " + std::to_string(::getpid()) + " 2>/dev/null && [ -e " + shell_quote(marker.string()) +
      " ]; do sleep 0.5; done; [ -e " + shell_quote(marker.string()) + " ] || exit 0; " +
      // A paused server would not stop: wake the postmaster and its children first.
      "pm=$(head -1 " + pid_file + "); kill -CONT $pm; for c in $(ps -o pid= --ppid $pm); do kill -CONT $c; done; " +
      stop + "; rm -rf " + shell_quote(dir_.path().string());
  // Forked twice, in a session of its own: no longer the test's descendant, so
  // whatever ends the test's process tree (ctest's timeout) leaves it running.
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (child == 0) {
    ::setsid();
    if (::fork() != 0) ::_exit(0);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0), ::dup2(null, 1), ::dup2(null, 2);
    ::close_range(3, ~0U, 0);
    ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::waitpid(child, nullptr, 0);
}

}  // namespace livedesk::it
