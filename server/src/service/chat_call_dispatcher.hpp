#pragma once
// The leader's side of forwarded calls: decodes a call by its name (every
// call of ChatCalls, and ReportPresence), runs it on this node's
// LocalChatService, and encodes the answer (service/chat_call_codec.hpp). It
// also keeps every node's connections (NodePresence), so agent presence
// counts sockets on all nodes. As a LeaderLink it is the leader's in-process
// end: a call made on the leader itself needs no network.
//
// Thread-safety: call(), dispatch() and forget_node() from any thread.
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/json/value.hpp>

#include "service/leader_link.hpp"
#include "service/node_presence.hpp"

namespace livedesk::service {

class LocalChatService;

// Runs forwarded calls on the local ChatService; see the file comment.
class ChatCallDispatcher final : public LeaderLink {
 public:
  using Reply = std::function<void(boost::json::value)>;

  explicit ChatCallDispatcher(LocalChatService& local);

  // Runs `op` with `request` (its members as JSON); `reply` gets the encoded
  // answer once, from any thread. A call that is unknown or whose request does
  // not fit is answered {"error": 400 bad_call}.
  void dispatch(std::string_view op, const boost::json::value& request, Reply reply);
  void call(std::string_view op, boost::json::value request,
            std::function<void(std::optional<boost::json::value>)> reply) override;

  // A node stopped (its heartbeat ended): its sockets count as closed.
  void forget_node(const std::string& node_id);
  // Runs `load` (a fresh engine, on the store thread) with the presence
  // record emptied, holding reports off meanwhile: the new engine knows no
  // socket, and the nodes' next full reports (they resend when the leader
  // changes) count every one once.
  void reload(const std::function<void()>& load);

 private:
  using Decode = std::function<void(const boost::json::value&, Reply)>;
  void apply_presence(const PresenceReport& report);
  PresenceDelta delta();

  LocalChatService& local_;
  std::unordered_map<std::string_view, Decode> calls_;
  std::mutex presence_mutex_;
  NodePresence presence_;
};

}  // namespace livedesk::service
