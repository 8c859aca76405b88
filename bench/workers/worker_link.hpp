// A worker process's end of its two pipes to the parent: orders come down as
// lines ("customers", "go <t0> <t1>", "stop", ...), reports go up as
// "<word> <json object>". Lives in the worker's one io_context thread.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "workers/line_channel.hpp"

namespace livedesk::bench {

// One forked generator process's control and report pipes.
class WorkerLink {
 public:
  WorkerLink(boost::asio::any_io_executor ex, int index, int control_fd, int report_fd)
      : index_(index), control_(ex, control_fd), report_fd_(report_fd) {}

  // This worker's number, 0 .. workers-1.
  int index() const { return index_; }
  // The parent's next order; "" when the parent is gone.
  boost::asio::awaitable<std::string> next_order() { return control_.read_line(); }
  // What WorkerPool::gather(word) waits for.
  void report(const std::string& word, const boost::json::object& body);

 private:
  int index_;
  LineChannel control_;
  int report_fd_;
};

}  // namespace livedesk::bench
