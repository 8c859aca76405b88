// The pipes between the parent and its worker processes carry one text line
// per message ("<word> <json>"). LineChannel reads them as a coroutine on the
// owning process's io_context thread; write_line writes one blocking (lines are
// short, the reader is always waiting).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <string>

namespace livedesk::bench {

// The reading end of a line pipe; owns the descriptor.
class LineChannel {
 public:
  LineChannel(boost::asio::any_io_executor ex, int fd) : d_(ex, fd) {}
  // The next line without its '\n'; "" when the other end closed.
  boost::asio::awaitable<std::string> read_line();

 private:
  boost::asio::posix::stream_descriptor d_;
  std::string buf_;
};

// Writes `line` and a '\n' to `fd`; gives up silently when the reader is gone.
void write_line(int fd, const std::string& line);

}  // namespace livedesk::bench
