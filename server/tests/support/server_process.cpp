#include "support/server_process.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace livedesk::it {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The tests write to sockets and pipes that the other side may have closed;
// that must be an error code, not a dead test process.
[[maybe_unused]] const bool sigpipe_ignored = [] {
  std::signal(SIGPIPE, SIG_IGN);
  return true;
}();

constexpr auto kPoll = 10ms;
constexpr auto kDeadline = 30s;

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::string join(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& arg : args) out += (out.empty() ? "" : " ") + arg;
  return out;
}

pid_t spawn(const std::vector<std::string>& args, const Env& extra, int stdin_fd, int stdout_fd, int stderr_fd) {
  std::vector<std::string> argv{livedesk_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn_program(argv, extra, stdin_fd, stdout_fd, stderr_fd);
}

int open_output(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
  return fd;
}

int open_dev_null() {
  const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("cannot open /dev/null: ") + std::strerror(errno));
  return fd;
}

// Waits up to kDeadline for `pid`; SIGKILLs it after that and returns nullopt.
std::optional<int> wait_with_deadline(pid_t pid) {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return decode_status(status);
    if (done < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return std::nullopt;
    }
    std::this_thread::sleep_for(kPoll);
  }
}

// A sanitizer's report on a child's stderr fails the running test with the whole stderr, even when the test
// itself passed: a sanitized build's races and memory errors in the server are bugs of their own.
void fail_on_sanitizer_report(const std::string& stderr_text, const std::string& what) {
  for (const char* marker : {"WARNING: ThreadSanitizer", "ERROR: AddressSanitizer", "runtime error:"}) {
    if (stderr_text.find(marker) == std::string::npos) continue;
    ADD_FAILURE() << what << " reported a sanitizer error on stderr:\n" << stderr_text;
    return;
  }
}

}  // namespace

// fork + execve with everything the child needs prepared beforehand, so the
// child only makes async-signal-safe calls. Descriptors: 0 <- stdin_fd, 1 and
// 2 <- the given files; everything else is closed. The inherited environment
// loses every LIVEDESK_* variable, then gets `extra`.
pid_t spawn_program(const std::vector<std::string>& argv_in, const Env& extra, int stdin_fd, int stdout_fd,
                    int stderr_fd) {
  std::vector<std::string> argv_storage = argv_in;
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::vector<std::string> env_storage;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view item(*entry);
    if (item.starts_with("LIVEDESK_")) continue;
    const auto name = item.substr(0, item.find('='));
    if (extra.count(std::string(name))) continue;
    env_storage.emplace_back(item);
  }
  for (const auto& [name, value] : extra) env_storage.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& item : env_storage) envp.push_back(item.data());
  envp.push_back(nullptr);

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    // Die with the test process, whatever happens to it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    if (::dup2(stdin_fd, 0) < 0 || ::dup2(stdout_fd, 1) < 0 || ::dup2(stderr_fd, 2) < 0) ::_exit(127);
    ::syscall(SYS_close_range, 3U, ~0U, 0U);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

const char* livedesk_binary() { return LIVEDESK_BINARY; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& content) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

TempDir::TempDir(const std::string& prefix) {
  const fs::path base = fs::temp_directory_path();
  std::string pattern = (base / (prefix + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error(std::string("mkdtemp failed: ") + std::strerror(errno));
  path_ = pattern;
}

TempDir::~TempDir() {
  if (keep_) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

ServerProcess::ServerProcess(ServerOptions options) : temp_("livedesk-server") {
  data_dir_ = options.data_dir ? *options.data_dir : temp_.path() / "data";
  web_dir_ = temp_.path() / "web";
  stdout_path_ = temp_.path() / "stdout.log";
  stderr_path_ = temp_.path() / "stderr.log";
  fs::create_directories(data_dir_);
  fs::create_directories(web_dir_);
  for (const auto& [relative, content] : options.web_files) write_file(web_dir_ / relative, content);
  if (options.prepare_web_dir) options.prepare_web_dir(web_dir_);
  // A server on PostgreSQL gets its accounts there (`--database <url>` among its arguments).
  std::string database_url;
  for (std::size_t i = 0; i + 1 < options.args.size(); ++i)
    if (options.args[i] == "--database") database_url = options.args[i + 1];
  for (const auto& user : options.users)
    add_user(data_dir_, user.username, user.password, user.role, user.name, database_url);

  std::vector<std::string> args{"serve"};
  if (options.pass_port_flags) {
    args.insert(args.end(), {"--port", "0", "--bind", "127.0.0.1", "--data-dir", data_dir_.string(), "--web-dir",
                             web_dir_.string()});
  }
  args.insert(args.end(), options.args.begin(), options.args.end());

  const int in = open_dev_null();
  const int out = open_output(stdout_path_);
  const int err = open_output(stderr_path_);
  try {
    pid_ = spawn(args, options.env, in, out, err);
  } catch (...) {
    ::close(in), ::close(out), ::close(err);
    throw;
  }
  ::close(in), ::close(out), ::close(err);
  if (options.wait_until_listening) wait_for_listening();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
  fail_on_sanitizer_report(stderr_text(), "livedesk serve");
}

std::optional<int> ServerProcess::reap() {
  if (pid_ <= 0) return exit_status_;
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    exit_status_ = decode_status(status);
    pid_ = -1;
  }
  return exit_status_;
}

void ServerProcess::wait_for_listening() {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (true) {
    for (const auto& entry : log_objects()) {
      const auto* msg = entry.if_contains("msg");
      if (!msg || !msg->is_string() || msg->as_string() != "listening") continue;
      const auto* port = entry.if_contains("port");
      if (!port || !(port->is_int64() || port->is_uint64()))
        throw std::runtime_error("the \"listening\" line has no numeric port\n" + logs());
      const auto value = port->to_number<std::int64_t>();
      if (value <= 0 || value > 65535) throw std::runtime_error("the \"listening\" line has a bad port\n" + logs());
      port_ = static_cast<unsigned short>(value);
      return;
    }
    if (auto status = reap())
      throw std::runtime_error("livedesk exited with status " + std::to_string(*status) +
                               " before it was listening\n" + logs());
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      throw std::runtime_error("livedesk did not log \"listening\" within 30 s\n" + logs());
    }
    std::this_thread::sleep_for(kPoll);
  }
}

int ServerProcess::stop(int signal) {
  if (pid_ <= 0) {
    if (exit_status_) return *exit_status_;
    throw std::runtime_error("stop(): the server was never started");
  }
  if (::kill(pid_, signal) != 0) throw std::runtime_error(std::string("kill failed: ") + std::strerror(errno));
  const auto status = wait_with_deadline(pid_);
  pid_ = -1;
  if (!status)
    throw std::runtime_error("livedesk did not exit within 30 s of signal " + std::to_string(signal) +
                             " (killed)\n" + logs());
  exit_status_ = status;
  return *status;
}

std::string ServerProcess::stdout_text() const { return read_file(stdout_path_); }
std::string ServerProcess::stderr_text() const { return read_file(stderr_path_); }

std::string ServerProcess::logs() const {
  return "----- livedesk stdout -----\n" + stdout_text() + "----- livedesk stderr -----\n" + stderr_text() +
         "---------------------------";
}

std::vector<boost::json::object> ServerProcess::log_objects() const {
  std::vector<boost::json::object> objects;
  std::istringstream lines(stdout_text());
  std::string line;
  while (std::getline(lines, line)) {
    if (lines.eof()) break;  // the last line may still be half-written
    boost::system::error_code ec;
    auto value = boost::json::parse(line, ec);
    if (!ec && value.is_object()) objects.push_back(std::move(value.as_object()));
  }
  return objects;
}

std::vector<boost::json::object> ServerProcess::log_messages(const std::string& msg) const {
  std::vector<boost::json::object> matching;
  for (auto& entry : log_objects()) {
    const auto* value = entry.if_contains("msg");
    if (value && value->is_string() && value->as_string() == msg) matching.push_back(std::move(entry));
  }
  return matching;
}

boost::json::object ServerProcess::wait_for_log(const std::function<bool(const boost::json::object&)>& pred,
                                                std::chrono::milliseconds deadline) const {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (true) {
    for (auto& entry : log_objects())
      if (pred(entry)) return std::move(entry);
    if (std::chrono::steady_clock::now() > until)
      throw std::runtime_error("the expected log line did not appear\n" + logs());
    std::this_thread::sleep_for(kPoll);
  }
}

CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text, const Env& env) {
  TempDir temp("livedesk-cli");
  const fs::path out_path = temp.path() / "stdout";
  const fs::path err_path = temp.path() / "stderr";
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  const int out = open_output(out_path);
  const int err = open_output(err_path);
  pid_t pid = -1;
  try {
    pid = spawn(args, env, pipe_fds[0], out, err);
  } catch (...) {
    ::close(pipe_fds[0]), ::close(pipe_fds[1]), ::close(out), ::close(err);
    throw;
  }
  ::close(pipe_fds[0]), ::close(out), ::close(err);
  // Small inputs fit the pipe buffer; a child that never reads just leaves them there.
  std::size_t written = 0;
  while (written < stdin_text.size()) {
    const ssize_t n = ::write(pipe_fds[1], stdin_text.data() + written, stdin_text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EPIPE: the child does not read its input
    written += static_cast<std::size_t>(n);
  }
  ::close(pipe_fds[1]);
  const auto status = wait_with_deadline(pid);
  CliResult result;
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  fail_on_sanitizer_report(result.err, "`livedesk " + join(args) + "`");
  if (!status)
    throw std::runtime_error("`livedesk " + join(args) + "` did not exit within 30 s (killed)\nstdout:\n" +
                             result.out + "\nstderr:\n" + result.err);
  result.exit_code = *status;
  return result;
}

void add_user(const fs::path& data_dir, const std::string& username, const std::string& password,
              const std::string& role, const std::string& name, const std::string& database_url) {
  std::vector<std::string> args{"user", "add", username, "--role", role, "--password-stdin", "--data-dir",
                                data_dir.string()};
  if (!database_url.empty()) args.insert(args.end(), {"--database", database_url});
  if (!name.empty()) args.insert(args.end(), {"--name", name});
  const auto result = run_cli(args, password + "\n");
  if (result.exit_code != 0)
    throw std::runtime_error("`livedesk " + join(args) + "` exited with " + std::to_string(result.exit_code) +
                             "\nstdout:\n" + result.out + "\nstderr:\n" + result.err);
}

}  // namespace livedesk::it
