#pragma once
// What makes this process one node of several (docs/architecture.md, "Several
// nodes"): the leader lease in PostgreSQL, the chat calls forwarded to the
// leader (ForwardingChatService over net::LeaderClient), the dispatcher that
// runs them when this node leads, and the presence each node reports.
//
// Leading, the node's engine writes under its election's fencing token; on
// losing the lead it drops the engine (in store order, after every job queued
// before) and asks its clients to reconnect (on_failover), and it goes on as
// a follower.
//
// Lifetime: construct before serving, start() once the port is bound, stop()
// after the server returned and the store drained (so a successor loads
// everything this node committed).
#include <future>
#include <memory>
#include <string>

#include "net/leader_client.hpp"
#include "service/chat_call_dispatcher.hpp"
#include "service/forwarding_chat_service.hpp"
#include "service/local_chat_service.hpp"
#include "service/readiness.hpp"
#include "store/postgres/leader_lease.hpp"
#include "store/store_executor.hpp"

namespace livedesk::app {

// The name every PostgreSQL connection of this process carries
// (application_name), so a successor can end them all: the node id and a
// random suffix for this run, at most 63 bytes (PostgreSQL's limit).
std::string backend_name(const std::string& node_id);
// `database_url` with application_name set to `backend`.
std::string with_backend_name(const std::string& database_url, const std::string& backend);

struct ClusterNodeConfig {
  std::string database_url;  // with_backend_name'd
  std::string backend_name;
  std::string node_id;
  std::string bind;
  std::string advertise_url;  // "": http://<bind>:<port>
  std::string cluster_key;
  std::chrono::milliseconds leader_poll{500};
  std::chrono::milliseconds lease{5000};
  std::chrono::milliseconds node_timeout{5000};
};

// One node of a cluster; see the file comment.
class ClusterNode {
 public:
  ClusterNode(ClusterNodeConfig config, service::LocalChatService& local, store::StoreExecutor& store,
              const auth::TokenService& tokens);
  ~ClusterNode();

  // The chat use cases as the API must call them on this node.
  service::ChatService& chat() { return forwarding_; }
  service::ChatCallDispatcher& dispatcher() { return dispatcher_; }
  bool leading() const { return lease_ && lease_->leading(); }
  service::ClusterView view() const;
  const std::string& cluster_key() const { return config_.cluster_key; }

  // Runs when the leader changed after this node had seen one, and when this
  // node lost the lead: events the old leader committed but had not yet
  // published may never arrive, so the app asks its clients to reconnect and
  // resume from the database. On the lease thread.
  std::function<void()> on_failover;
  // Runs with true once this node is elected and its engine loaded, with false when it steps down (what only
  // the leader runs, such as the webhook outbox, starts and stops here). On the lease thread.
  std::function<void(bool leading)> on_leading;

  void start(std::uint16_t port);
  // Re-sends this node's sockets to the leader (a safety net against a lost report).
  void resend_presence() { forwarding_.resend_presence(); }
  void stop();

 private:
  std::future<void> load_engine(const store::FencingToken& token);
  void drop_engine();

  ClusterNodeConfig config_;
  std::int64_t seen_epoch_ = 0;  // touched on the lease thread only
  service::LocalChatService& local_;
  store::StoreExecutor& store_;
  service::ChatCallDispatcher dispatcher_;
  std::unique_ptr<store::LeaderLease> lease_;
  net::LeaderClient client_;
  service::ForwardingChatService forwarding_;
};

}  // namespace livedesk::app
