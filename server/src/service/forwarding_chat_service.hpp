#pragma once
// The chat use cases on a node of a cluster: every decision is made by the
// leader's ChatEngine (one engine, so assignment, seq and routing happen once
// in one order), and this node forwards each call to it through a LeaderLink.
// Only what needs no decision stays here: customer token checks and the
// node's own count of open sockets, reported to the leader as absolute counts
// and re-sent in full whenever the leader changes.
//
// Thread-safety: every method from any thread; answers arrive on the link's thread.
#include <map>
#include <mutex>
#include <string>

#include "service/chat_service.hpp"
#include "service/leader_link.hpp"

namespace livedesk::auth {
class TokenService;
}

namespace livedesk::service {

// ChatService that forwards to the cluster's leader; see the file comment.
class ForwardingChatService final : public ChatService {
 public:
  ForwardingChatService(LeaderLink& leader, const auth::TokenService& tokens, std::string node_id);

  // Sends this node's full presence again: call when a new leader took over.
  void resend_presence();

  void execute(PendingChatCall call) override;
  void staff_connected(Actor staff) override;
  void staff_disconnected(Actor staff) override;
  void customer_connected(std::int64_t session_id) override;
  void customer_disconnected(std::int64_t session_id) override;
  void tick() override {}  // deadlines are the leader's (LocalChatService::tick there)
  std::optional<Actor> verify_customer(std::string_view token) const override;

 private:
  template <class Call>
  void forward(const Call& request, Done<typename Call::Result> done);
  // Reports the counts of `staff_id` / `session_id` (or everything) to the leader.
  void report(std::optional<std::int64_t> staff_id, std::optional<std::int64_t> session_id);

  LeaderLink& leader_;
  const auth::TokenService& tokens_;
  const std::string node_id_;
  std::mutex presence_mutex_;
  std::int64_t presence_version_ = 0;
  std::map<std::int64_t, std::pair<Actor, int>> staff_;  // staff user id -> actor, open sockets
  std::map<std::int64_t, int> customers_;                // session id -> open sockets
};

}  // namespace livedesk::service
