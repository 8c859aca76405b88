#include "workers/worker_pool.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>
#include <exception>

#include "clients/frames.hpp"
#include "clients/loopback_dialer.hpp"
#include "process/fatal.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace json = boost::json;

void WorkerPool::fork(int index, Body body) {
  int down[2], up[2];
  if (pipe(down) != 0 || pipe(up) != 0) die("pipe");
  pid_t pid = ::fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    LoopbackDialer::instance().start_sources_at(index * 7);
    mark_worker_process();
    {
      asio::io_context io(1);
      asio::co_spawn(
          io,
          [&]() -> asio::awaitable<void> {
            WorkerLink link(co_await asio::this_coro::executor, index, down[0], up[1]);
            co_await body(link);
          },
          [](std::exception_ptr e) {
            if (e) try {
                std::rethrow_exception(e);
              } catch (const std::exception& ex) {
                note(std::string("worker failed: ") + ex.what());
                _exit(3);
              }
          });
      io.run();
    }
    _exit(0);
  }
  close(down[0]);
  close(up[1]);
  workers_.push_back(Worker{pid, down[1], up[0]});
}

void WorkerPool::run(std::function<asio::awaitable<void>()> orchestrate) {
  asio::io_context io(1);
  for (auto& w : workers_) reports_.push_back(std::make_unique<LineChannel>(io.get_executor(), w.from_child));
  std::exception_ptr err;
  asio::co_spawn(io, orchestrate(), [&](std::exception_ptr e) { err = e; });
  io.run();
  for (auto& w : workers_) {
    close(w.to_child);
    int st = 0;
    waitpid(w.pid, &st, 0);
  }
  reports_.clear();
  if (err) std::rethrow_exception(err);
}

void WorkerPool::broadcast(const std::string& line) {
  for (auto& w : workers_) write_line(w.to_child, line);
}

asio::awaitable<std::vector<json::object>> WorkerPool::gather(const std::string& word) {
  std::vector<json::object> out;
  for (auto& c : reports_) {
    for (;;) {
      std::string line = co_await c->read_line();
      if (line.empty()) die("a worker exited early (waiting for '" + word + "')");
      if (line.rfind(word + " ", 0) == 0) {
        out.push_back(parse_obj(line.substr(word.size() + 1)));
        break;
      }
    }
  }
  co_return out;
}

}  // namespace livedesk::bench
