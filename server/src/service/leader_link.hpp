#pragma once
// The way from a node to the cluster's leader, as the service layer sees it:
// the network side (net/leader_client.hpp) implements it, so services never
// learn about sockets.
#include <functional>
#include <optional>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace livedesk::service {

// Sends one named call to whichever node leads now.
class LeaderLink {
 public:
  virtual ~LeaderLink() = default;
  // `reply` gets the leader's encoded answer, or nullopt when no leader could
  // be reached (none elected, connection refused, timeout). Called exactly
  // once, from any thread.
  virtual void call(std::string op, boost::json::array args,
                    std::function<void(std::optional<boost::json::value>)> reply) = 0;
};

}  // namespace livedesk::service
