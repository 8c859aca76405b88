#pragma once
// A blocking hiredis connection whose every wait is bounded, so the thread that
// owns it can notice a stop request or a dead server within a timeout. One
// thread owns and uses a connection; any failure throws RedisConnectionError
// and leaves the connection unusable (the owner drops it and reconnects).
#include <chrono>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "bus/redis_endpoint.hpp"

struct redisContext;
struct redisReply;

namespace livedesk::bus {

// The connection failed or the server refused us; the message says how.
class RedisConnectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RedisReplyDeleter {
  void operator()(redisReply* reply) const noexcept;
};
using RedisReply = std::unique_ptr<redisReply, RedisReplyDeleter>;

// hiredis writes with write(2), and a write to a connection the peer has reset
// raises SIGPIPE, which would end the process: each thread that owns a
// connection calls this first, so such a write fails with EPIPE instead.
void block_sigpipe_in_this_thread();

// One blocking connection to a Redis server.
class RedisConnection {
 public:
  // Connects (waiting at most `timeout`), bounds every later read and write by
  // `timeout` too, and authenticates if the endpoint has a password.
  RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends a command and waits for its reply (an error reply is returned, not thrown).
  RedisReply command(std::initializer_list<std::string_view> args);

  // Pipelining: queue commands, send them all, then read the replies in order.
  void append(std::initializer_list<std::string_view> args);
  void flush();
  RedisReply read_reply();

  // A reply already received or arriving within `wait`; null if none did.
  RedisReply poll_reply(std::chrono::milliseconds wait);

 private:
  [[noreturn]] void fail(std::string_view doing) const;

  redisContext* context_ = nullptr;
};

}  // namespace livedesk::bus
