#pragma once
// A gauge read at scrape time from whoever knows the value (the store
// executor's queue length, the cluster lease's epoch), so nothing has to push
// it. The function may be bound or replaced at any time, from any thread; it
// runs on the scraping thread and must be quick and thread-safe. Unbound, or
// answering nullopt, the family has no sample (HELP and TYPE only).
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "support/metrics/collector.hpp"

namespace livedesk::support {

// An unlabelled gauge whose value comes from a function; see the file comment.
class GaugeFunction final : public Collector {
 public:
  using Read = std::function<std::optional<double>()>;

  GaugeFunction(std::string name, std::string help) : name_(std::move(name)), help_(std::move(help)) {}

  void bind(Read read) {
    std::lock_guard lock(mutex_);
    read_ = std::move(read);
  }

  const std::string& name() const override { return name_; }
  FamilySnapshot collect() const override {
    FamilySnapshot snapshot{name_, help_, MetricType::gauge, {}};
    std::lock_guard lock(mutex_);
    if (read_)
      if (auto value = read_()) snapshot.samples.push_back({"", {}, *value});
    return snapshot;
  }

 private:
  const std::string name_;
  const std::string help_;
  mutable std::mutex mutex_;
  Read read_;
};

}  // namespace livedesk::support
