#include "workers/line_channel.hpp"

#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>

namespace livedesk::bench {
namespace asio = boost::asio;

asio::awaitable<std::string> LineChannel::read_line() {
  auto [ec, n] = co_await asio::async_read_until(d_, asio::dynamic_buffer(buf_), '\n',
                                                 asio::as_tuple(asio::use_awaitable));
  if (ec) co_return std::string{};
  std::string line = buf_.substr(0, n - 1);
  buf_.erase(0, n);
  co_return line;
}

void write_line(int fd, const std::string& line) {
  std::string s = line + "\n";
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n <= 0) {
      if (errno == EINTR) continue;
      return;
    }
    off += size_t(n);
  }
}

}  // namespace livedesk::bench
