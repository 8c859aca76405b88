#include "process/server_under_test.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "process/fatal.hpp"
#include "process/process_usage.hpp"
#include "workers/line_channel.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
int free_port() {
  asio::io_context io;
  tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::vector<char*> c_argv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}
}  // namespace

ServerUnderTest::ServerUnderTest(ServerOptions options) : options_(std::move(options)) {}

ServerUnderTest::~ServerUnderTest() { stop(); }

std::string ServerUnderTest::persistence() const {
  if (options_.database.empty()) return "sqlite WAL (server default)";
  return "postgresql, " + std::to_string(options_.nodes) + " node(s)";
}

std::string ServerUnderTest::node_dir(int node) const {
  return dir_ + (options_.nodes > 1 ? "/node" + std::to_string(node) : "");
}

void ServerUnderTest::start() {
  if (options_.livedesk.empty()) die("--livedesk PATH (the server binary) is required");
  if (options_.nodes < 1 || (options_.nodes > 1 && options_.database.empty()))
    die("--nodes above 1 needs --database postgresql://... and --redis");
  if (!options_.data_dir.empty()) {
    // A seeded history: its own accounts, kept afterwards.
    dir_ = options_.data_dir;
    options_.keep_data = true;
    std::filesystem::create_directories(dir_);
  } else {
    char tmpl[] = "/tmp/livedesk-bench-XXXXXX";
    if (!mkdtemp(tmpl)) die("mkdtemp failed");
    dir_ = tmpl;
    add_admin();
  }
  for (int node = 0; node < options_.nodes; ++node) {
    int port = node == 0 ? options_.port : 0;
    if (port == 0) port = free_port();
    const std::string dir = node_dir(node);
    std::filesystem::create_directories(dir);
    const pid_t pid = start_node(node, port, dir);
    pids_.push_back(pid);
    endpoints_.push_back(tcp::endpoint(asio::ip::make_address("127.0.0.1"), uint16_t(port)));
    note("server pid " + std::to_string(pid) + " port " + std::to_string(port) + " dir " + dir);
  }
  if (!options_.database.empty()) wait_for_leaders();
}

// The admin account, by the documented CLI.
void ServerUnderTest::add_admin() const {
  int in[2];
  if (pipe(in) != 0) die("pipe");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    close(in[1]);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    std::vector<std::string> args{options_.livedesk, "user", "add", kAdminUser, "--role", "admin", "--password-stdin",
                                  "--data-dir", dir_};
    if (!options_.database.empty()) args.insert(args.end(), {"--database", options_.database});
    auto argv = c_argv(args);
    execv(options_.livedesk.c_str(), argv.data());
    _exit(127);
  }
  close(in[0]);
  write_line(in[1], kAdminPassword);
  close(in[1]);
  int st = 0;
  waitpid(pid, &st, 0);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) die("livedesk user add failed");
}

pid_t ServerUnderTest::start_node(int node, int port, const std::string& dir) {
  const bool postgres = !options_.database.empty();
  std::vector<std::string> args = {options_.livedesk, "serve", "--bind", "127.0.0.1", "--port", std::to_string(port),
                                   "--data-dir", dir, "--log-level",
                                   options_.log_level.value_or(postgres ? "info" : "warn")};
  if (postgres) args.insert(args.end(), {"--database", options_.database, "--node-id", "bench" + std::to_string(node)});
  if (!options_.redis.empty()) args.insert(args.end(), {"--redis", options_.redis});
  if (options_.server_threads > 0) args.insert(args.end(), {"--threads", std::to_string(options_.server_threads)});
  for (auto& a : split_words(options_.server_args)) args.push_back(a);
  // Optional wrapper (e.g. "valgrind --tool=callgrind") for profiling runs.
  std::vector<std::string> full = split_words(options_.server_wrapper);
  full.insert(full.end(), args.begin(), args.end());
  const std::string log = dir + "/server.log";
  pid_t pid = fork();
  if (pid == 0) {
    auto argv = c_argv(full);
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Every node must know its leader before load starts (an info line in its log).
void ServerUnderTest::wait_for_leaders() const {
  for (int node = 0; node < options_.nodes; ++node) {
    const std::string log = node_dir(node) + "/server.log";
    bool seen = false;
    for (int i = 0; i < 600 && !seen; ++i) {
      std::ifstream in(log);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      seen = text.find("\"leader_changed\"") != std::string::npos;
      if (!seen) usleep(50000);
    }
    if (!seen) die("node " + std::to_string(node) + " never saw a leader (see " + log + ")");
  }
}

void ServerUnderTest::stop() {
  for (auto& pid : pids_) {
    if (pid <= 0) continue;
    kill(pid, SIGTERM);
    int st = 0;
    for (int i = 0; i < 300; ++i) {
      if (waitpid(pid, &st, WNOHANG) == pid) {
        pid = -1;
        break;
      }
      usleep(100000);
    }
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
    }
    pid = -1;
  }
  if (!options_.keep_data && !dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
}

long ServerUnderTest::rss_kib() const {
  long total = 0;
  for (auto pid : pids_) total += read_rss_kib(pid);
  return total;
}

long ServerUnderTest::open_fds() const {
  long total = 0;
  for (auto pid : pids_) total += count_open_fds(pid);
  return total;
}

double ServerUnderTest::cpu_seconds() const {
  double total = 0;
  for (auto pid : pids_) total += cpu_seconds_of(pid);
  return total;
}

}  // namespace livedesk::bench
