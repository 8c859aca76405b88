// Runs the real `livedesk` binary as a child process for the integration tests.
//
// Every failure here throws std::runtime_error with the child's logs in the
// message; gtest reports an exception escaping a test body as a failure, so a
// test needs no ASSERT around these calls. A sanitizer's report on the child's
// stderr (a sanitized build) fails the running test, with that stderr, when the
// ServerProcess dies or the CLI run ends.
#pragma once

#include <sys/types.h>

#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace livedesk::it {

using Env = std::map<std::string, std::string>;

// The path of the server binary under test (the LIVEDESK_BINARY macro).
const char* livedesk_binary();

// fork + execve of `argv` (argv[0] an absolute path) with stdin, stdout and
// stderr on the given descriptors and every other one closed; the child dies
// with the test process (PR_SET_PDEATHSIG). The environment is the test's
// without LIVEDESK_* variables, plus `extra`. Throws when fork fails.
pid_t spawn_program(const std::vector<std::string>& argv, const Env& extra, int stdin_fd, int stdout_fd, int stderr_fd);

// A directory made with mkdtemp, removed (recursively) with the object.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "livedesk-it");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Keeps the directory on disk after the object dies (for post-mortems).
  void keep() { keep_ = true; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

struct StaffUser {
  std::string username;
  std::string password;
  std::string role;
  std::string name;  // "" leaves --name out
};

struct ServerOptions {
  std::vector<StaffUser> users;         // created with `livedesk user add` before the server starts
  std::vector<std::string> args;        // extra arguments after `serve --port 0 --bind 127.0.0.1 ...`
  Env env;                              // extra environment variables
  std::optional<std::filesystem::path> data_dir;  // reuse this data dir (restart); else a fresh one
  std::map<std::string, std::string> web_files;   // relative path -> content, written before start
  std::function<void(const std::filesystem::path& web_dir)> prepare_web_dir;  // runs before start
  bool pass_port_flags = true;          // false: the test passes --port/--bind/--data-dir itself (e.g. as env)
  bool wait_until_listening = true;
};

// One running `livedesk serve`. Output goes to files in its own temp dir.
class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  const std::filesystem::path& web_dir() const { return web_dir_; }
  std::filesystem::path database_path() const { return data_dir_ / "livedesk.db"; }

  // Sends `signal`, waits up to 30 s for the exit and returns the exit status
  // (128 + signal number when the child was killed by a signal). After 30 s
  // the child is SIGKILLed and this throws.
  int stop(int signal = SIGTERM);
  // The exit status once the child has ended by itself (reaped then; running() turns false), else nullopt.
  std::optional<int> poll_exit() { return reap(); }

  std::string stdout_text() const;
  std::string stderr_text() const;
  // Both logs, labelled, for failure messages.
  std::string logs() const;
  // Every stdout line that parses as a JSON object.
  std::vector<boost::json::object> log_objects() const;
  // Log objects whose "msg" equals `msg`.
  std::vector<boost::json::object> log_messages(const std::string& msg) const;
  // Waits (polling every 10 ms, up to `deadline`) for a log object matching `pred`.
  boost::json::object wait_for_log(const std::function<bool(const boost::json::object&)>& pred,
                                   std::chrono::milliseconds deadline = std::chrono::seconds(30)) const;

 private:
  void wait_for_listening();
  std::optional<int> reap();

  TempDir temp_;
  std::filesystem::path data_dir_;
  std::filesystem::path web_dir_;
  std::filesystem::path stdout_path_;
  std::filesystem::path stderr_path_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::optional<int> exit_status_;
};

struct CliResult {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string out;
  std::string err;
};

// Runs `livedesk <args...>` to completion (30 s deadline, then SIGKILL and
// throw), feeding `stdin_text` on standard input.
CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "", const Env& env = {});

// `livedesk user add <username> --role <role> --password-stdin --data-dir <dir> [--name <name>]
// [--database <url>]`; throws with the output unless it exits 0.
void add_user(const std::filesystem::path& data_dir, const std::string& username, const std::string& password,
              const std::string& role, const std::string& name = "", const std::string& database_url = "");

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

}  // namespace livedesk::it
