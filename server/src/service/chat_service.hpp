#pragma once
// The chat use cases for the API layer. `call` may be made from any thread with
// any request of service/chat_calls.hpp; its `done` is called once, when the
// outcome is durable (reads: once known), from a thread of the
// implementation's choosing. A call made while shutting down (or while no node
// can decide) answers 503 unavailable.
//
// Two implementations: LocalChatService decides here (ChatEngine on the store
// thread); ForwardingChatService sends each call to the cluster's leader node.
#include <optional>
#include <string_view>
#include <utility>

#include "service/chat_calls.hpp"

namespace livedesk::service {

// The chat use cases, and the connection events the engine must hear of; see the file comment.
class ChatService {
 public:
  virtual ~ChatService() = default;

  template <class Call>
  void call(Call request, Done<typename Call::Result> done) {
    execute(PendingCall<Call>{std::move(request), std::move(done)});
  }
  // Runs any use case; `call` is the typed way in.
  virtual void execute(PendingChatCall call) = 0;

  // Open sockets: a staff member's or a customer's (by session), for presence and deadlines.
  virtual void staff_connected(Actor staff) = 0;
  virtual void staff_disconnected(Actor staff) = 0;
  virtual void customer_connected(std::int64_t session_id) = 0;
  virtual void customer_disconnected(std::int64_t session_id) = 0;

  // Checks deadlines (unanswered chats, customers gone, agents gone); call about once a second.
  virtual void tick() = 0;

  // Customer tokens: the customer and session a token opens, or nullopt.
  virtual std::optional<Actor> verify_customer(std::string_view token) const = 0;
};

}  // namespace livedesk::service
