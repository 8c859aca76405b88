#pragma once
// The connection manager's core: who is subscribed to which topic
// ("session:12", "agent:3", "dashboard:queue_updated", ...). publish() copies
// the recipients under the lock and delivers after releasing it, so no lock
// is held while a connection queues a frame. Safe from any thread.
// Subscribers are held weakly: a connection that is gone simply stops receiving.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "realtime/subscriber.hpp"

namespace livedesk::realtime {

// Topic -> subscribers, with one-buffer fan-out.
class TopicHub {
 public:
  void subscribe(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber);
  void unsubscribe(const std::string& topic, const Subscriber* subscriber);
  // Removes the subscriber from every topic it is in (a closing connection).
  void unsubscribe_all(const Subscriber* subscriber);
  // Hands `frame` to every live subscriber of `topic`; returns how many.
  std::size_t publish(const std::string& topic, const Frame& frame);
  // Like publish, but each subscriber of several of the topics gets the frame once.
  std::size_t publish(const std::vector<std::string>& topics, const Frame& frame);
  // A snapshot frame: see Subscriber::deliver_latest.
  std::size_t publish_latest(const std::string& topic, const Frame& frame, int key);
  std::size_t subscriber_count(const std::string& topic) const;

 private:
  struct Entry {
    const Subscriber* key;
    std::weak_ptr<Subscriber> subscriber;
  };
  std::vector<std::shared_ptr<Subscriber>> recipients_of(const std::vector<std::string>& topics) const;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::vector<Entry>> topics_;
  std::unordered_map<const Subscriber*, std::vector<std::string>> memberships_;
};

}  // namespace livedesk::realtime
