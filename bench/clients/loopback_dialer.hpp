// Where the load generator's client sockets come from: every connection binds
// a loopback source address 127.0.0.2 .. 127.0.0.(1+sources) in turn before it
// connects (IP_BIND_ADDRESS_NO_PORT lets the kernel pick the port at connect
// time, so each source and destination pair has its own ephemeral port range),
// and goes to the server nodes round robin.
//
// One per process (instance()): the parent sets the nodes and the source count
// before forking, each worker starts its sources at its own offset. Used only
// from the process's one io_context thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <optional>
#include <vector>

namespace livedesk::bench {

// Connects client sockets to the servers, spread over loopback source addresses.
class LoopbackDialer {
 public:
  static LoopbackDialer& instance();

  void set_servers(std::vector<boost::asio::ip::tcp::endpoint> servers) { servers_ = std::move(servers); }
  void set_source_count(int count) { source_count_ = count; }
  // A worker's first source address, so the workers do not all start on 127.0.0.2.
  void start_sources_at(int index) { source_next_ = index; }

  // A connected TCP_NODELAY socket, or nullopt after three failed attempts or
  // when the process is out of descriptors.
  boost::asio::awaitable<std::optional<boost::asio::ip::tcp::socket>> dial();

 private:
  boost::asio::ip::address_v4 next_source();

  std::vector<boost::asio::ip::tcp::endpoint> servers_;
  std::size_t server_next_ = 0;
  int source_count_ = 32;
  int source_next_ = 0;
};

}  // namespace livedesk::bench
