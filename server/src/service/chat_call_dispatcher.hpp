#pragma once
// The leader's side of forwarded chat calls: decodes a call by name, runs it
// on this node's LocalChatService, and encodes the answer
// (service/chat_call_codec.hpp). It also keeps every node's connections
// (NodePresence), so agent presence counts sockets on all nodes.
//
// Thread-safety: dispatch() and forget_node() from any thread.
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/json.hpp>

#include "service/local_chat_service.hpp"
#include "service/node_presence.hpp"

namespace livedesk::service {

// Runs forwarded calls on the local ChatService; see the file comment.
class ChatCallDispatcher {
 public:
  using Reply = std::function<void(boost::json::value)>;

  explicit ChatCallDispatcher(LocalChatService& local);

  // Runs `op` with `args` (the method's parameters in order, as JSON); `reply`
  // gets the encoded answer once, from any thread. A call that is unknown or
  // whose arguments do not fit is answered {"error": 400 bad_call}.
  void dispatch(std::string_view op, const boost::json::array& args, Reply reply);

  // A node stopped (its heartbeat ended): its sockets count as closed.
  void forget_node(const std::string& node_id);

 private:
  using Call = std::function<void(const boost::json::array&, Reply)>;
  void apply_presence(const PresenceReport& report);
  PresenceDelta delta();

  LocalChatService& local_;
  std::unordered_map<std::string, Call> calls_;
  std::mutex presence_mutex_;
  NodePresence presence_;
};

}  // namespace livedesk::service
