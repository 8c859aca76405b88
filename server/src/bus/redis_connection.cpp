#include "bus/redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace livedesk::bus {
namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

}  // namespace

void block_sigpipe_in_this_thread() {
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
}

void RedisReplyDeleter::operator()(redisReply* reply) const noexcept { freeReplyObject(reply); }

RedisConnection::RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout) {
  context_ = redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, to_timeval(timeout));
  if (!context_) throw RedisConnectionError("connect: out of memory");
  if (context_->err) {
    std::string why = context_->errstr;
    redisFree(context_);
    throw RedisConnectionError("connect to " + endpoint.address() + ": " + why);
  }
  try {
    if (redisSetTimeout(context_, to_timeval(timeout)) != REDIS_OK) fail("set timeout");
    // Keepalive also finds a peer that vanished without closing the socket.
    if (redisEnableKeepAlive(context_) != REDIS_OK) fail("enable keepalive");
    if (!endpoint.password.empty()) {
      RedisReply reply = endpoint.user.empty() ? command({"AUTH", endpoint.password})
                                               : command({"AUTH", endpoint.user, endpoint.password});
      if (reply->type == REDIS_REPLY_ERROR) throw RedisConnectionError("AUTH: " + std::string(reply->str, reply->len));
    }
  } catch (...) {
    redisFree(context_);
    throw;
  }
}

RedisConnection::~RedisConnection() { redisFree(context_); }

void RedisConnection::fail(std::string_view doing) const {
  std::string why = context_->err ? context_->errstr : "unknown error";
  throw RedisConnectionError(std::string(doing) + ": " + why);
}

RedisReply RedisConnection::command(std::initializer_list<std::string_view> args) {
  append(args);
  return read_reply();
}

void RedisConnection::append(std::initializer_list<std::string_view> args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (auto arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()) != REDIS_OK) {
    fail("queue command");
  }
}

void RedisConnection::flush() {
  int done = 0;
  while (!done) {
    if (redisBufferWrite(context_, &done) != REDIS_OK) fail("write");
  }
}

RedisReply RedisConnection::read_reply() {
  void* reply = nullptr;
  // redisGetReply sends what is still queued, then blocks for at most the socket timeout.
  if (redisGetReply(context_, &reply) != REDIS_OK || !reply) fail("read");
  return RedisReply(static_cast<redisReply*>(reply));
}

RedisReply RedisConnection::poll_reply(std::chrono::milliseconds wait) {
  void* reply = nullptr;
  if (redisGetReplyFromReader(context_, &reply) != REDIS_OK) fail("parse");
  if (reply) return RedisReply(static_cast<redisReply*>(reply));
  pollfd ready{context_->fd, POLLIN, 0};
  int n = ::poll(&ready, 1, static_cast<int>(wait.count()));
  if (n < 0 && errno != EINTR) throw RedisConnectionError("poll: " + std::string(std::strerror(errno)));
  if (n <= 0) return nullptr;
  // Readable: this read returns at once, with data or with the peer's close.
  if (redisBufferRead(context_) != REDIS_OK) fail("read");
  if (redisGetReplyFromReader(context_, &reply) != REDIS_OK) fail("parse");
  return RedisReply(static_cast<redisReply*>(reply));
}

}  // namespace livedesk::bus
