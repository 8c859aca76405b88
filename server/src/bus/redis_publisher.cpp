#include "bus/redis_publisher.hpp"

#include <hiredis/hiredis.h>
#include <pthread.h>

#include <algorithm>

#include "bus/backoff.hpp"
#include "bus/envelope.hpp"
#include "bus/redis_connection.hpp"
#include "support/json_log.hpp"

namespace livedesk::bus {
namespace {

// Commands sent before reading their replies: one round trip per chunk, and a
// bounded amount of unconfirmed work when the connection breaks.
constexpr std::size_t kPipelineChunk = 256;

}  // namespace

RedisPublisher::RedisPublisher(RedisEndpoint endpoint, const RedisBusOptions& options)
    : endpoint_(std::move(endpoint)), options_(options), thread_([this] { run(); }) {}

RedisPublisher::~RedisPublisher() { stop(); }

bool RedisPublisher::offer(const Event& event, std::int64_t position) {
  // Numbered under the queue's lock, so numbers follow queue order; a dropped event uses up its number too.
  const bool queued = queue_.post_if(Queued{0, position, event}, [this](Queued& entry, std::size_t pending) {
    entry.n = next_n_++;
    return connected_ && pending < options_.max_queued;
  });
  if (!queued) ++dropped_;
  return queued;
}

void RedisPublisher::offer_tick() {
  queue_.post_if(Queued{0, 0, std::nullopt}, [this](Queued& entry, std::size_t) {
    entry.n = next_n_++;
    return connected_.load();
  });
}

void RedisPublisher::stop() {
  queue_.stop();
  if (thread_.joinable()) thread_.join();
}

void RedisPublisher::run() {
  pthread_setname_np(pthread_self(), "redis-publish");
  block_sigpipe_in_this_thread();
  Backoff backoff(options_.reconnect_initial, options_.reconnect_max);
  bool failing = false;  // a connect failure is logged once, not at every retry
  for (;;) {
    if (!connection_) {
      try {
        connection_ = std::make_unique<RedisConnection>(endpoint_, options_.io_timeout);
      } catch (const RedisConnectionError& e) {
        ++connect_failures_;
        if (!failing) support::log_event(spdlog::level::warn, "redis_publisher_connect_failed", {{"error", e.what()}});
        failing = true;
        if (queue_.wait_for_stop(backoff.next())) break;
        continue;
      }
      connected_ = true;
      backoff.reset();
      failing = false;
      support::log_event(spdlog::level::info, "redis_publisher_connected",
                         {{"node", options_.node_id}, {"server", endpoint_.address()}});
    }

    std::deque<Queued> batch;
    if (!queue_.take_all_for(batch, options_.heartbeat)) break;  // stopped, and all offered before it is sent
    try {
      if (!batch.empty()) {
        send(*connection_, batch);
      } else {
        // Idle: a tick, sent at once by the next round, tells receivers of numbers they missed and
        // tells us now, not at the next event, whether Redis is still there.
        offer_tick();
      }
    } catch (const RedisConnectionError& e) {
      support::log_event(spdlog::level::warn, "redis_publisher_lost",
                         {{"error", e.what()}, {"unconfirmed", batch.size()}});
      connection_.reset();
      went_down(batch.size());
      failing = true;
      if (queue_.wait_for_stop(backoff.next())) break;
      continue;
    }
  }
  connection_.reset();
  went_down(0);
}

void RedisPublisher::send(RedisConnection& connection, std::deque<Queued>& batch) {
  while (!batch.empty()) {
    std::size_t count = std::min(batch.size(), kPipelineChunk);
    for (std::size_t i = 0; i < count; ++i) {
      const auto& entry = batch[i];
      std::string payload = entry.event ? encode_envelope(options_.node_id, entry.n, *entry.event, entry.position)
                                        : encode_tick(options_.node_id, entry.n);
      connection.append({"PUBLISH", options_.channel, payload});
    }
    connection.flush();
    for (std::size_t i = 0; i < count; ++i) {
      auto reply = connection.read_reply();
      if (reply->type == REDIS_REPLY_ERROR) {
        ++dropped_;
        support::log_event(spdlog::level::warn, "redis_publish_refused", {{"error", std::string(reply->str, reply->len)}});
      } else if (batch.front().event) {
        ++published_;
      }
      batch.pop_front();
    }
  }
}

// Everything not confirmed is lost, and offers are refused until we reconnect.
void RedisPublisher::went_down(std::size_t unconfirmed) {
  connected_ = false;
  dropped_ += unconfirmed + queue_.clear();
}

}  // namespace livedesk::bus
