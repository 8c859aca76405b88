#include "service/readiness.hpp"

#include "store/store_executor.hpp"

namespace livedesk::service {

bool Readiness::check(std::function<void(std::optional<int> schema_version)> done) {
  return store_.post_read([done = std::move(done)](store::Store& store) {
    const bool ok = store.ping();
    done(ok ? std::optional<int>(store.schema_version()) : std::nullopt);
  });
}

}  // namespace livedesk::service
