#pragma once
// POST /internal/v1/cluster/call: where the cluster's leader takes the chat
// calls other nodes forward (net/leader_client.hpp). Only for nodes: it needs
// the shared cluster key as a Bearer token, and answers 503 not_leader on a
// node that does not lead (the caller looks the leader up again).
#include <functional>
#include <string>

#include "api/router.hpp"
#include "service/chat_call_dispatcher.hpp"

namespace livedesk::api {

struct ClusterCalls {
  service::ChatCallDispatcher& dispatcher;
  std::string cluster_key;
  std::function<bool()> leading;
};

void add_cluster_routes(Router& router, ClusterCalls calls);

}  // namespace livedesk::api
