#include "app/cluster_node.hpp"

#include <cstdlib>
#include <future>

#include "support/json_log.hpp"

namespace livedesk::app {

ClusterNode::ClusterNode(ClusterNodeConfig config, service::LocalChatService& local, store::StoreExecutor& store,
                         const auth::TokenService& tokens)
    : config_(std::move(config)),
      local_(local),
      store_(store),
      dispatcher_(local),
      client_(net::LeaderClientOptions{config_.cluster_key},
              net::LeaderDirectory{[this] { return leading(); },
                                   [this]() -> std::optional<std::string> {
                                     return lease_ ? lease_->leader_url() : std::nullopt;
                                   }},
              dispatcher_),
      forwarding_(client_, tokens, config_.node_id) {}

ClusterNode::~ClusterNode() { stop(); }

void ClusterNode::start(std::uint16_t port) {
  store::LeaderLeaseOptions options;
  options.database_url = config_.database_url;
  options.node_id = config_.node_id;
  options.node_url = !config_.advertise_url.empty() ? config_.advertise_url
                                                    : "http://" + config_.bind + ":" + std::to_string(port);
  options.poll = config_.leader_poll;
  options.node_timeout = config_.node_timeout;
  lease_ = std::make_unique<store::LeaderLease>(options);
  lease_->on_elected = [this] {
    // The engine reads every open session before this node says it leads.
    std::promise<void> loaded;
    store_.post([this, &loaded](store::Store& s) {
      try {
        local_.load(s);
        loaded.set_value();
      } catch (...) {
        loaded.set_exception(std::current_exception());
      }
    });
    loaded.get_future().get();
  };
  lease_->on_leader_changed = [this](const std::string&, std::int64_t epoch) {
    forwarding_.resend_presence();
    const bool failover = seen_epoch_ != 0;
    seen_epoch_ = epoch;
    if (failover && on_failover) on_failover();
  };
  lease_->on_nodes_gone = [this](const std::vector<std::string>& nodes) {
    for (const auto& node : nodes) dispatcher_.forget_node(node);
  };
  lease_->on_lease_lost = [] {
    // Another node may lead already: deciding anything more here could
    // contradict it. Ending the process is the fence; the supervisor restarts it.
    support::log_event(spdlog::level::critical, "exiting_after_lost_lease");
    std::_Exit(75);
  };
  lease_->start();
}

void ClusterNode::stop() {
  if (lease_) lease_->stop();
  client_.stop();
}

}  // namespace livedesk::app
