#include "realtime/topic_hub.hpp"

#include <algorithm>

namespace livedesk::realtime {

void TopicHub::subscribe(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber) {
  std::lock_guard lock(mutex_);
  auto& entries = topics_[topic];
  const Subscriber* key = subscriber.get();
  if (std::any_of(entries.begin(), entries.end(), [key](const Entry& e) { return e.key == key; })) return;
  entries.push_back({key, subscriber});
  memberships_[key].push_back(topic);
}

void TopicHub::unsubscribe(const std::string& topic, const Subscriber* subscriber) {
  std::lock_guard lock(mutex_);
  if (auto it = topics_.find(topic); it != topics_.end()) {
    std::erase_if(it->second, [subscriber](const Entry& e) { return e.key == subscriber; });
    if (it->second.empty()) topics_.erase(it);
  }
  if (auto it = memberships_.find(subscriber); it != memberships_.end()) {
    std::erase(it->second, topic);
    if (it->second.empty()) memberships_.erase(it);
  }
}

void TopicHub::unsubscribe_all(const Subscriber* subscriber) {
  std::lock_guard lock(mutex_);
  auto membership = memberships_.find(subscriber);
  if (membership == memberships_.end()) return;
  for (const auto& topic : membership->second) {
    if (auto it = topics_.find(topic); it != topics_.end()) {
      std::erase_if(it->second, [subscriber](const Entry& e) { return e.key == subscriber; });
      if (it->second.empty()) topics_.erase(it);
    }
  }
  memberships_.erase(membership);
}

std::size_t TopicHub::publish(const std::string& topic, const Frame& frame) {
  return publish(std::vector<std::string>{topic}, frame);
}

std::vector<std::shared_ptr<Subscriber>> TopicHub::recipients_of(const std::vector<std::string>& topics) const {
  std::vector<std::shared_ptr<Subscriber>> recipients;
  {
    std::lock_guard lock(mutex_);
    for (const auto& topic : topics) {
      auto it = topics_.find(topic);
      if (it == topics_.end()) continue;
      for (const auto& entry : it->second)
        if (auto live = entry.subscriber.lock()) recipients.push_back(std::move(live));
    }
  }
  if (topics.size() > 1) {
    std::sort(recipients.begin(), recipients.end());
    recipients.erase(std::unique(recipients.begin(), recipients.end()), recipients.end());
  }
  return recipients;
}

std::size_t TopicHub::publish(const std::vector<std::string>& topics, const Frame& frame) {
  const auto recipients = recipients_of(topics);
  for (const auto& recipient : recipients) recipient->deliver(frame);
  return recipients.size();
}

std::size_t TopicHub::publish_latest(const std::string& topic, const Frame& frame, int key) {
  const auto recipients = recipients_of({topic});
  for (const auto& recipient : recipients) recipient->deliver_latest(frame, key);
  return recipients.size();
}

std::size_t TopicHub::subscriber_count(const std::string& topic) const {
  std::lock_guard lock(mutex_);
  auto it = topics_.find(topic);
  return it == topics_.end() ? 0 : it->second.size();
}

}  // namespace livedesk::realtime
