#pragma once
// Whether the server can serve: the store answers a ping, on a reader
// connection of the store executor, and on several nodes some node leads.
// check() never blocks the caller; `done` runs on a store executor thread.
// Holds the executor by reference; it outlives this object.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace livedesk::store {
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

// Who leads the cluster, as this node's lease last saw it.
struct ClusterView {
  bool leading = false;
  std::optional<std::string> leader_node;  // nullopt: no node leads now
  std::int64_t epoch = 0;
};

// What /readyz reports.
struct ReadinessReport {
  std::optional<int> schema_version;   // nullopt: the store does not answer
  std::optional<std::string> failure;  // why not, when it does not
  std::optional<ClusterView> cluster;  // on several nodes
};

// The readiness probe (/readyz) as a use case.
class Readiness {
 public:
  explicit Readiness(store::StoreExecutor& store, std::function<ClusterView()> cluster = {})
      : store_(store), cluster_(std::move(cluster)) {}

  // Returns false when the store is shutting down (done is not called).
  bool check(std::function<void(ReadinessReport)> done);

 private:
  store::StoreExecutor& store_;
  std::function<ClusterView()> cluster_;
};

}  // namespace livedesk::service
