#include "service/readiness.hpp"

#include "store/store_executor.hpp"

namespace livedesk::service {

bool Readiness::check(std::function<void(ReadinessReport)> done) {
  ReadinessReport base;
  if (cluster_) base.cluster = cluster_();
  return store_.post_read(
      [done, base](store::Store& store) {
        ReadinessReport report = base;
        try {
          if (store.ping()) report.schema_version = store.schema_version();
          else report.failure = "the database does not answer";
        } catch (const std::exception& error) {
          report.failure = error.what();
        }
        done(std::move(report));
      },
      [done, base](const std::exception& why) {
        ReadinessReport report = base;
        report.failure = why.what();
        done(std::move(report));
      });
}

}  // namespace livedesk::service
