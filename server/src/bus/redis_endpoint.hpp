#pragma once
// Where a Redis server is and how to log in to it, read from a URL.
#include <string>
#include <string_view>

namespace livedesk::bus {

// A Redis server's address and credentials.
struct RedisEndpoint {
  std::string host;
  int port = 6379;
  std::string user;      // empty: the default user
  std::string password;  // empty: no AUTH
  // Pub/sub channels are global in Redis, whatever the database: accepted so
  // the same URL works here and for key access, but the bus never SELECTs it.
  int db = 0;

  // host:port, for messages (never the credentials).
  std::string address() const { return host + ":" + std::to_string(port); }
};

// redis://[[user]:password@]host[:port][/db]. Throws std::invalid_argument
// saying what is wrong (including rediss://, which this client cannot speak).
RedisEndpoint parse_redis_url(std::string_view url);

}  // namespace livedesk::bus
