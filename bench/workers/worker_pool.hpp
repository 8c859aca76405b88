// The --workers generator processes of one scenario, from the parent's side.
//
// The open-file limit is per process, so the client sockets are spread over
// forked workers, each with its own single-threaded io_context. fork() starts
// one (the body runs in the child, which exits when it returns or throws);
// run() then drives the parent's orchestration coroutine, which talks to the
// workers with broadcast() and gather(), and reaps them afterwards. Parent
// process only, on the io_context thread of run().
#pragma once

#include <sys/types.h>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "workers/line_channel.hpp"
#include "workers/worker_link.hpp"

namespace livedesk::bench {

// Forked worker processes and the pipes to them.
class WorkerPool {
 public:
  using Body = std::function<boost::asio::awaitable<void>(WorkerLink& link)>;

  // Forks worker `index`; in the child `body` runs to the end and the process exits.
  void fork(int index, Body body);
  // Runs `orchestrate` to completion, then closes the order pipes and waits for
  // every worker; rethrows what `orchestrate` threw.
  void run(std::function<boost::asio::awaitable<void>()> orchestrate);

  // Sends `line` to every worker.
  void broadcast(const std::string& line);
  // The next "<word> {...}" report of every worker, in worker order; dies when a
  // worker exits before sending it.
  boost::asio::awaitable<std::vector<boost::json::object>> gather(const std::string& word);

 private:
  struct Worker {
    pid_t pid = -1;
    int to_child = -1;    // orders
    int from_child = -1;  // reports
  };
  std::vector<Worker> workers_;
  std::vector<std::unique_ptr<LineChannel>> reports_;
};

// `v` dealt round robin into `parts` shares, one per worker.
template <class T>
std::vector<std::vector<T>> deal(const std::vector<T>& v, int parts) {
  std::vector<std::vector<T>> out(static_cast<size_t>(parts));
  for (size_t i = 0; i < v.size(); ++i) out[i % size_t(parts)].push_back(v[i]);
  return out;
}

}  // namespace livedesk::bench
