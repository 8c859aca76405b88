#pragma once
// Tests only: a redis-server of a test's own (to kill and restart at will),
// a listener that records what it hears, and waiting with a deadline.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bus/event_bus.hpp"
#include "bus/redis_connection.hpp"

extern char** environ;

namespace livedesk::bus::test {

using namespace std::chrono_literals;

// Polls `done` until it holds or `limit` passes; true if it held.
template <class Predicate>
bool eventually(Predicate done, std::chrono::milliseconds limit = 20s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// A loopback port nobody listens on (just now).
inline int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("free_port: no port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

// A redis-server child process on a port of its own; killed by the destructor.
class ChildRedis {
 public:
  // Picks a free port (a few tries, should another process take it first).
  ChildRedis() {
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = free_port();
      if (start()) return;
    }
    throw std::runtime_error("ChildRedis: redis-server did not start");
  }
  ~ChildRedis() { kill(); }
  ChildRedis(const ChildRedis&) = delete;
  ChildRedis& operator=(const ChildRedis&) = delete;

  // Starts redis-server on port() and waits until it answers PING; false if it exited or never answered.
  bool start() {
    std::string port = std::to_string(port_);
    std::vector<std::string> args = {"/usr/bin/redis-server", "--bind", "127.0.0.1", "--port", port, "--save", "",
                                      "--appendonly", "no", "--daemonize", "no"};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    // A test that dies without its destructors (a sanitizer's halt) leaves this child behind: it must not keep
    // the descriptors it inherited, such as the build lock a `flock ... ctest` run holds on fd 3.
    posix_spawn_file_actions_addclosefrom_np(&files, STDERR_FILENO + 1);
    int failed = posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (failed) {
      pid_ = -1;
      return false;
    }
    bool exited = false;
    bool answered = eventually(
        [&] {
          if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return exited = true;  // the port was taken after all
          try {
            RedisConnection probe(RedisEndpoint{"127.0.0.1", port_}, 500ms);
            probe.command({"PING"});
            return true;
          } catch (const RedisConnectionError&) {
            return false;
          }
        },
        10s);
    if (exited) pid_ = -1;
    if (answered && !exited) return true;
    kill();
    return false;
  }

  // SIGKILL, as a crash: no goodbye to the clients.
  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

 private:
  int port_ = 0;
  pid_t pid_ = -1;
};

// A server that accepts connections and resets each at once (RST, not FIN).
class ResettingServer {
 public:
  ResettingServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("ResettingServer: cannot listen");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      while (!stop_) {
        pollfd ready{fd_, POLLIN, 0};
        if (::poll(&ready, 1, 20) <= 0) continue;
        int client = ::accept(fd_, nullptr, nullptr);
        if (client < 0) continue;
        linger reset{1, 0};
        ::setsockopt(client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        ::close(client);
        ++accepted_;
      }
    });
  }
  ~ResettingServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  int accepted() const { return accepted_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

// Records every event a bus delivers to it.
class Recorder {
 public:
  Listener listener() {
    return [this](const Event& event) {
      std::lock_guard lock(mutex_);
      events_.push_back(event);
    };
  }
  std::size_t count() const {
    std::lock_guard lock(mutex_);
    return events_.size();
  }
  std::vector<Event> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }
  // The `depth` of each QueueDepthChanged with `previous_depth == tag`, in delivery order.
  std::vector<std::size_t> depths(std::size_t tag) const {
    std::lock_guard lock(mutex_);
    std::vector<std::size_t> out;
    for (const auto& event : events_) {
      if (const auto* d = std::get_if<QueueDepthChanged>(&event); d && d->previous_depth == tag) out.push_back(d->depth);
    }
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Event> events_;
};

}  // namespace livedesk::bus::test
