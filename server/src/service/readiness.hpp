#pragma once
// Whether the server can serve: the store answers a ping, on a reader
// connection of the store executor. check() never blocks the caller; `done`
// runs on the store executor's thread. Holds the executor by reference; it
// outlives this object.
#include <functional>
#include <optional>

namespace livedesk::store {
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

// The readiness probe (/readyz) as a use case.
class Readiness {
 public:
  explicit Readiness(store::StoreExecutor& store) : store_(store) {}

  // `done` gets the store's schema version when it answers, nullopt when it
  // does not. Returns false when the store is shutting down (done is not called).
  bool check(std::function<void(std::optional<int> schema_version)> done);

 private:
  store::StoreExecutor& store_;
};

}  // namespace livedesk::service
