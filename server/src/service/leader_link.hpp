#pragma once
// The way from a node to the cluster's leader, as the service layer sees it:
// the network side (net/leader_client.hpp) implements it for a remote leader,
// ChatCallDispatcher for the leader itself, so services never learn about sockets.
#include <functional>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

namespace livedesk::service {

// Sends one named call to whichever node leads now.
class LeaderLink {
 public:
  virtual ~LeaderLink() = default;
  // `request` is the call's described members as JSON (service/chat_call_codec.hpp).
  // `reply` gets the leader's encoded answer, or nullopt when no leader could
  // be reached (none elected, connection refused, timeout). Called exactly
  // once, from any thread.
  virtual void call(std::string_view op, boost::json::value request,
                    std::function<void(std::optional<boost::json::value>)> reply) = 0;
};

}  // namespace livedesk::service
