#pragma once
// What the registry holds: anything that can report one family at scrape
// time. collect() may run on any thread, concurrently with recording.
#include <string>

#include "support/metrics/metric_snapshot.hpp"

namespace livedesk::support {

// One metric family as the registry sees it.
class Collector {
 public:
  virtual ~Collector() = default;
  virtual const std::string& name() const = 0;
  virtual FamilySnapshot collect() const = 0;
};

}  // namespace livedesk::support
