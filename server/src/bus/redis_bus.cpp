#include "bus/redis_bus.hpp"

#include <stdexcept>

#include "support/json_log.hpp"

namespace livedesk::bus {
namespace {

const RedisBusOptions& checked(const RedisBusOptions& options) {
  if (options.node_id.empty()) throw std::invalid_argument("RedisBus: the node id is empty");
  if (options.channel.empty()) throw std::invalid_argument("RedisBus: the channel is empty");
  if (options.reconnect_initial.count() <= 0 || options.io_timeout.count() <= 0 || options.heartbeat.count() <= 0) {
    throw std::invalid_argument("RedisBus: delays must be positive");
  }
  return options;
}

}  // namespace

RedisBus::RedisBus(support::WorkerThread& delivery, RedisBusOptions options)
    : RedisBus(delivery, parse_redis_url(options.url), checked(options)) {}

RedisBus::State::State()
    : listeners(std::make_shared<const std::vector<Listener>>()),
      position_listeners(std::make_shared<const std::vector<PositionListener>>()),
      resync_callbacks(std::make_shared<const std::vector<std::function<void()>>>()),
      follower([this](const Event& event, std::int64_t position) { deliver(event, position); }) {}

void RedisBus::State::deliver(const Event& event, std::int64_t position) {
  std::shared_ptr<const std::vector<Listener>> to;
  std::shared_ptr<const std::vector<PositionListener>> positions;
  {
    std::lock_guard lock(mutex);
    to = listeners;
    positions = position_listeners;
  }
  for (const auto& listener : *to) listener(event);
  if (position > 0)
    for (const auto& listener : *positions) listener(position);
}

void RedisBus::State::settle(std::uint64_t filled_before, const char* why, bool whole) {
  if (const auto count = follower.filled() - filled_before; count > 0) {
    filled += count;
    support::log_event(spdlog::level::info, "events_read_from_log",
                       {{"why", why}, {"events", count}, {"up_to", follower.delivered_up_to()}});
  }
  if (!whole) fall_back();
}

void RedisBus::State::fall_back() {
  ++fallbacks;
  support::log_event(spdlog::level::warn, "event_log_unavailable", {{"up_to", follower.delivered_up_to()}});
  std::shared_ptr<const std::vector<std::function<void()>>> callbacks;
  {
    std::lock_guard lock(mutex);
    callbacks = resync_callbacks;
  }
  for (const auto& callback : *callbacks) callback();
}

RedisBus::RedisBus(support::WorkerThread& delivery, RedisEndpoint endpoint, const RedisBusOptions& options)
    : delivery_(delivery),
      state_(std::make_shared<State>()),
      publisher_(endpoint, options),
      subscriber_(endpoint, options,
                  RedisSubscriber::Callbacks{
                      [this](Event event, std::int64_t position) { deliver(std::move(event), position); },
                      [this] { catch_up(); }}) {}

RedisBus::~RedisBus() { stop(); }

void RedisBus::stop() {
  std::call_once(stopped_, [this] {
    subscriber_.stop();
    publisher_.stop();
  });
}

void RedisBus::publish(const Event& event, std::int64_t position) {
  deliver(event, position);
  publisher_.offer(event, position);
}

namespace {
template <typename T>
void add_to(std::mutex& mutex, std::shared_ptr<const std::vector<T>>& list, T item) {
  std::lock_guard lock(mutex);
  auto next = std::make_shared<std::vector<T>>(*list);
  next->push_back(std::move(item));
  list = std::move(next);
}
}  // namespace

void RedisBus::listen(Listener listener) { add_to(state_->mutex, state_->listeners, std::move(listener)); }

void RedisBus::listen_positions(PositionListener listener) {
  add_to(state_->mutex, state_->position_listeners, std::move(listener));
}

void RedisBus::on_resync(std::function<void()> callback) {
  add_to(state_->mutex, state_->resync_callbacks, std::move(callback));
}

void RedisBus::follow_log(LogFollower::Reader reader, std::int64_t delivered_up_to) {
  delivery_.post([state = state_, reader = std::move(reader), delivered_up_to]() mutable {
    state->follower.follow(std::move(reader), delivered_up_to);
  });
}

void RedisBus::after_delivered(std::function<void()> then) { delivery_.post(std::move(then)); }

void RedisBus::deliver(Event event, std::int64_t position) {
  delivery_.post([state = state_, event = std::move(event), position] {
    const auto before = state->follower.filled();
    state->settle(before, "gap", state->follower.offer(event, position));
  });
}

void RedisBus::catch_up() {
  delivery_.post([state = state_] {
    const auto before = state->follower.filled();
    state->settle(before, "catch_up", state->follower.catch_up());
  });
}

}  // namespace livedesk::bus
