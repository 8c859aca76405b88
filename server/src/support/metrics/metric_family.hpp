#pragma once
// A family of one metric type (Counter, Gauge, Histogram) under one name,
// with a child per combination of label values. with() finds or creates a
// child under the family's lock and returns a reference that stays valid for
// the family's life (unless remove()d): resolve children once, at wiring
// time, and record through the reference, so the hot path is an atomic add
// and never a lock or a lookup by string. An unlabelled family has one child,
// with no values.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/metrics/collector.hpp"

namespace livedesk::support {

// The children of one metric name; see the file comment.
template <class Metric>
class MetricFamily final : public Collector {
 public:
  using Factory = std::function<std::unique_ptr<Metric>()>;

  MetricFamily(std::string name, std::string help, std::vector<std::string> label_names, Factory make)
      : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)), make_(std::move(make)) {}

  // The child for these label values (one per label name, in order); throws
  // std::invalid_argument when their number is wrong. Any thread.
  Metric& with(const std::vector<std::string>& values = {}) {
    check_arity(values);
    std::lock_guard lock(mutex_);
    auto& child = children_[values];
    if (!child) child = make_();
    return *child;
  }
  // Drops a child (an endpoint that was deleted). A reference to it from with() must no longer be used.
  void remove(const std::vector<std::string>& values) {
    std::lock_guard lock(mutex_);
    children_.erase(values);
  }

  const std::string& name() const override { return name_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  FamilySnapshot collect() const override {
    FamilySnapshot snapshot{name_, help_, Metric::type, {}};
    std::lock_guard lock(mutex_);
    for (const auto& [values, child] : children_) {
      LabelPairs labels;
      for (std::size_t i = 0; i < values.size(); ++i) labels.emplace_back(label_names_[i], values[i]);
      child->collect(labels, snapshot.samples);
    }
    return snapshot;
  }

 private:
  void check_arity(const std::vector<std::string>& values) const {
    if (values.size() != label_names_.size())
      throw std::invalid_argument(name_ + " takes " + std::to_string(label_names_.size()) + " label values, not " +
                                  std::to_string(values.size()));
  }

  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const Factory make_;
  mutable std::mutex mutex_;  // guards the map, not the children (they are atomic)
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_;
};

}  // namespace livedesk::support
