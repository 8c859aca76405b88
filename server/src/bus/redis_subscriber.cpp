#include "bus/redis_subscriber.hpp"

#include <hiredis/hiredis.h>
#include <pthread.h>

#include <memory>

#include "bus/backoff.hpp"
#include "bus/envelope.hpp"
#include "bus/redis_connection.hpp"
#include "support/json_log.hpp"

namespace livedesk::bus {
namespace {

using Clock = std::chrono::steady_clock;

// How long one wait for data may last: the delay before stop() is noticed.
constexpr std::chrono::milliseconds kPollInterval{100};

std::string_view text_of(const redisReply& reply) { return {reply.str, reply.len}; }

}  // namespace

RedisSubscriber::RedisSubscriber(RedisEndpoint endpoint, const RedisBusOptions& options, Callbacks callbacks)
    : endpoint_(std::move(endpoint)),
      options_(options),
      callbacks_(std::move(callbacks)),
      thread_([this] { run(); }) {}

RedisSubscriber::~RedisSubscriber() { stop(); }

void RedisSubscriber::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RedisSubscriber::run() {
  pthread_setname_np(pthread_self(), "redis-subscribe");
  block_sigpipe_in_this_thread();
  Backoff backoff(options_.reconnect_initial, options_.reconnect_max);
  bool failing = false;      // a connect failure is logged once, not at every retry
  bool interrupted = false;  // there was a time since start without a subscription
  auto pause = [&] {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, backoff.next(), [this] { return stopping(); });
  };
  while (!stopping()) {
    std::unique_ptr<RedisConnection> connection;
    try {
      connection = std::make_unique<RedisConnection>(endpoint_, options_.io_timeout);
      subscribe(*connection);
    } catch (const RedisConnectionError& e) {
      ++connect_failures_;
      if (!failing) support::log_event(spdlog::level::warn, "redis_subscriber_connect_failed", {{"error", e.what()}});
      failing = true;
      interrupted = true;
      pause();
      continue;
    }
    connected_ = true;
    backoff.reset();
    failing = false;
    support::log_event(spdlog::level::info, "redis_subscribed",
                       {{"node", options_.node_id},
                        {"server", endpoint_.address()},
                        {"channel", options_.channel},
                        {"resync", interrupted}});
    // Only now that the subscription is live: whatever a resync reloads, the
    // events after it will arrive.
    if (interrupted) resync();
    interrupted = true;
    try {
      listen(*connection);
    } catch (const RedisConnectionError& e) {
      support::log_event(spdlog::level::warn, "redis_subscriber_lost", {{"error", e.what()}});
      failing = true;
    }
    connected_ = false;
    if (!stopping()) pause();
  }
}

void RedisSubscriber::subscribe(RedisConnection& connection) {
  connection.append({"SUBSCRIBE", options_.channel});
  connection.flush();
  auto deadline = Clock::now() + options_.io_timeout;
  for (;;) {
    if (auto reply = connection.poll_reply(kPollInterval)) {
      if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 3 && reply->element[0]->type == REDIS_REPLY_STRING &&
          text_of(*reply->element[0]) == "subscribe") {
        return;
      }
      std::string why = reply->type == REDIS_REPLY_ERROR ? std::string(text_of(*reply)) : "unexpected reply";
      throw RedisConnectionError("SUBSCRIBE: " + why);
    }
    if (Clock::now() >= deadline) throw RedisConnectionError("SUBSCRIBE: timed out");
  }
}

void RedisSubscriber::listen(RedisConnection& connection) {
  auto last_heard = Clock::now();
  bool pinged = false;
  while (!stopping()) {
    if (auto reply = connection.poll_reply(kPollInterval)) {
      last_heard = Clock::now();
      pinged = false;
      handle(*reply);
      continue;
    }
    // A subscriber only reads, so a silent server might be a dead one: ask.
    auto silent = Clock::now() - last_heard;
    if (!pinged && silent >= options_.heartbeat) {
      connection.append({"PING"});
      connection.flush();
      pinged = true;
    } else if (pinged && silent >= options_.heartbeat + options_.io_timeout) {
      throw RedisConnectionError("no answer to PING");
    }
  }
}

void RedisSubscriber::handle(const redisReply& reply) {
  // Anything but ["message", channel, payload] (the PING's ["pong", ""]) is not an event.
  if (reply.type != REDIS_REPLY_ARRAY || reply.elements != 3) return;
  const redisReply& kind = *reply.element[0];
  const redisReply& payload = *reply.element[2];
  if (kind.type != REDIS_REPLY_STRING || text_of(kind) != "message" || payload.type != REDIS_REPLY_STRING) return;

  auto skip = [&](std::string_view why) {
    auto count = ++undecodable_;
    // A newer node may send many of one unknown event: a sample is enough.
    if (count == 1 || count % 100 == 0) {
      support::log_event(spdlog::level::warn, "redis_event_skipped",
                         {{"why", why}, {"count", count}, {"sample", text_of(payload).substr(0, 200)}});
    }
  };
  auto envelope = decode_envelope(text_of(payload));
  if (!envelope) return skip("bad envelope");
  if (envelope->origin == options_.node_id) return;
  if (!sequences_.continues(envelope->origin, envelope->n)) {
    support::log_event(spdlog::level::warn, "redis_event_gap", {{"origin", envelope->origin}, {"n", envelope->n}});
    resync();
  }
  if (envelope->tick) return;
  if (!envelope->event) return skip("unknown event");
  ++received_;
  callbacks_.on_event(std::move(*envelope->event), envelope->position);
}

void RedisSubscriber::resync() {
  ++resyncs_;
  callbacks_.on_resync();
}

}  // namespace livedesk::bus
