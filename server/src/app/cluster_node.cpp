#include "app/cluster_node.hpp"

#include <boost/url.hpp>

#include "auth/token_service.hpp"

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
      forwarding_(client_, tokens, config_.node_id) {
  // Set before serving; it runs only once an election (after start()) loaded an engine.
  local_.on_engine_lost = [this](const std::string& why) {
    support::log_event(spdlog::level::err, "engine_lost", {{"why", why}});
    if (lease_) lease_->resign(why);
  };
}

ClusterNode::~ClusterNode() { stop(); }

std::string backend_name(const std::string& node_id) {
  const std::string run = "#" + auth::random_hex_secret().substr(0, 8);
  constexpr std::size_t kLimit = 63;
  std::string name = "livedesk/" + node_id;
  if (name.size() + run.size() > kLimit) name.resize(kLimit - run.size());
  return name + run;
}

std::string with_backend_name(const std::string& database_url, const std::string& backend) {
  boost::urls::url url(database_url);
  url.params().set("application_name", backend);
  return std::string(url.buffer());
}

void ClusterNode::start(std::uint16_t port) {
  store::LeaderLeaseOptions options;
  options.database_url = config_.database_url;
  options.node_id = config_.node_id;
  options.node_url = !config_.advertise_url.empty() ? config_.advertise_url
                                                    : "http://" + config_.bind + ":" + std::to_string(port);
  options.backend_name = config_.backend_name;
  options.poll = config_.leader_poll;
  options.lease = config_.lease;
  options.retry_max = std::max(config_.leader_poll, std::chrono::milliseconds(2000));
  options.node_timeout = config_.node_timeout;
  lease_ = std::make_unique<store::LeaderLease>(options);
  lease_->on_elected = [this](const store::FencingToken& token) {
    auto loaded = load_engine(token);
    if (on_leading) on_leading(true);
    return loaded;
  };
  lease_->on_stepped_down = [this](const std::string&, bool was_leading) {
    if (on_leading) on_leading(false);  // also after a load that failed
    drop_engine();
    if (was_leading && on_failover) on_failover();
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
  lease_->start();
}

std::future<void> ClusterNode::load_engine(const store::FencingToken& token) {
  // Every write from here on proves the new epoch, the load's own included;
  // the engine reads every open session before this node says it leads.
  auto loaded = std::make_shared<std::promise<void>>();
  auto future = loaded->get_future();
  store_.fence_writes(token);
  const bool queued = store_.post(
      [this, loaded](store::Store& s) {
        try {
          dispatcher_.reload([&] { local_.load(s); });
          loaded->set_value();
        } catch (...) {
          loaded->set_exception(std::current_exception());
          throw;  // roll the load's writes back
        }
      },
      [loaded](const std::exception& why) {
        loaded->set_exception(std::make_exception_ptr(std::runtime_error(why.what())));
      });
  if (!queued) loaded->set_exception(std::make_exception_ptr(std::runtime_error("the store is shutting down")));
  return future;
}

void ClusterNode::drop_engine() {
  // After every job queued so far (they run under the old token, so a
  // successor's epoch refuses them), and before the next: no engine is left to
  // decide, and this node's own writes go unfenced again.
  auto retire = [this] { local_.retire(); };
  store_.post([retire](store::Store&) { retire(); }, [retire](const std::exception&) { retire(); });
  store_.fence_writes(std::nullopt);
}

service::ClusterView ClusterNode::view() const {
  if (!lease_) return {};
  return {lease_->leading(), lease_->leading() ? std::optional<std::string>(config_.node_id) : lease_->leader_node(),
          lease_->epoch()};
}

void ClusterNode::stop() {
  if (lease_) lease_->stop();
  client_.stop();
}

}  // namespace livedesk::app
