#include "bus/redis_bus.hpp"

#include <stdexcept>

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

RedisBus::RedisBus(support::WorkerThread& delivery, RedisEndpoint endpoint, const RedisBusOptions& options)
    : delivery_(delivery),
      listeners_(std::make_shared<const Listeners>()),
      resync_callbacks_(std::make_shared<const Callbacks>()),
      publisher_(endpoint, options),
      subscriber_(endpoint, options,
                  RedisSubscriber::Callbacks{[this](Event event) { deliver(std::move(event)); },
                                             [this] { resync(); }}) {}

RedisBus::~RedisBus() { stop(); }

void RedisBus::stop() {
  std::call_once(stopped_, [this] {
    subscriber_.stop();
    publisher_.stop();
  });
}

void RedisBus::publish(const Event& event) {
  deliver(event);
  publisher_.offer(event);
}

void RedisBus::listen(Listener listener) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<Listeners>(*listeners_);
  next->push_back(std::move(listener));
  listeners_ = std::move(next);
}

void RedisBus::on_resync(std::function<void()> callback) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<Callbacks>(*resync_callbacks_);
  next->push_back(std::move(callback));
  resync_callbacks_ = std::move(next);
}

void RedisBus::after_delivered(std::function<void()> then) { delivery_.post(std::move(then)); }

void RedisBus::deliver(Event event) {
  std::shared_ptr<const Listeners> listeners;
  {
    std::lock_guard lock(mutex_);
    listeners = listeners_;
  }
  delivery_.post([listeners = std::move(listeners), event = std::move(event)] {
    for (const auto& listener : *listeners) listener(event);
  });
}

void RedisBus::resync() {
  std::shared_ptr<const Callbacks> callbacks;
  {
    std::lock_guard lock(mutex_);
    callbacks = resync_callbacks_;
  }
  delivery_.post([callbacks = std::move(callbacks)] {
    for (const auto& callback : *callbacks) callback();
  });
}

}  // namespace livedesk::bus
