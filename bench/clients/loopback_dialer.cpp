#include "clients/loopback_dialer.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <iostream>

#include "process/fatal.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

LoopbackDialer& LoopbackDialer::instance() {
  static LoopbackDialer dialer;
  return dialer;
}

asio::ip::address_v4 LoopbackDialer::next_source() {
  const int i = source_next_++ % source_count_;
  return asio::ip::make_address_v4(0x7f000002u + uint32_t(i));
}

asio::awaitable<std::optional<tcp::socket>> LoopbackDialer::dial() {
  auto ex = co_await asio::this_coro::executor;
  for (int attempt = 0; attempt < 3; ++attempt) {
    tcp::socket s(ex);
    boost::system::error_code ec;
    s.open(tcp::v4(), ec);
    if (ec) co_return std::nullopt;  // out of descriptors
    int one = 1;
    ::setsockopt(s.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    s.bind(tcp::endpoint(next_source(), 0), ec);
    if (ec) {
      if (debug_enabled()) std::cerr << "bind: " << ec.message() << "\n";
      continue;
    }
    const auto& server = servers_[server_next_++ % servers_.size()];
    auto [cec] = co_await s.async_connect(server, asio::as_tuple(asio::use_awaitable));
    if (cec) {
      if (debug_enabled()) std::cerr << "connect: " << cec.message() << "\n";
      continue;
    }
    s.set_option(tcp::no_delay(true), ec);
    co_return std::optional<tcp::socket>(std::move(s));
  }
  co_return std::nullopt;
}

}  // namespace livedesk::bench
