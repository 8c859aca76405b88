#pragma once
// Carries a node's chat calls to the cluster's leader: POST
// /internal/v1/cluster/call over keep-alive HTTP/1.1 connections, on a thread
// and io_context of its own. When this node is the leader, calls go straight
// to `local` (the leader's in-process end) with no network in between.
//
// Who leads is asked of `directory` at each call, so a call made after a
// failover goes to the new leader. A call whose connection fails before any
// answer is answered nullopt (the caller reports 503 and the client retries:
// sends are idempotent by client_msg_id). Only a request written on a reused
// keep-alive connection that the leader had already closed is retried, once,
// on a fresh one: the leader closes idle connections only between requests.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "service/leader_link.hpp"

namespace livedesk::net {

// Who leads now, as the node's lease last saw it.
struct LeaderDirectory {
  std::function<bool()> self_leading;
  std::function<std::optional<std::string>()> leader_url;  // "http://host:port"
};

struct LeaderClientOptions {
  std::string cluster_key;  // the Bearer token every node shares
  std::chrono::milliseconds timeout{15'000};
  std::size_t max_idle_connections = 64;
};

// LeaderLink over HTTP; see the file comment.
class LeaderClient final : public service::LeaderLink {
 public:
  LeaderClient(LeaderClientOptions options, LeaderDirectory directory, service::LeaderLink& local);
  ~LeaderClient() override;
  LeaderClient(const LeaderClient&) = delete;
  LeaderClient& operator=(const LeaderClient&) = delete;

  void call(std::string_view op, boost::json::value request,
            std::function<void(std::optional<boost::json::value>)> reply) override;
  // Finishes calls in flight (each answers nullopt) and joins the thread. Idempotent.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
  LeaderDirectory directory_;
  service::LeaderLink& local_;  // the leader's in-process end, used while this node leads
};

}  // namespace livedesk::net
