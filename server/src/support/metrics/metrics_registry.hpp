#pragma once
// The families one process exposes, in registration order. Registration
// checks names against the exposition format (metric names
// [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]* not starting
// "__", no `le` on a histogram) and refuses a name twice, with
// std::invalid_argument. The registry owns the families; the references it
// hands out live as long as it does. Every method is safe from any thread.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "support/metrics/counter.hpp"
#include "support/metrics/gauge.hpp"
#include "support/metrics/gauge_function.hpp"
#include "support/metrics/histogram.hpp"
#include "support/metrics/metric_family.hpp"

namespace livedesk::support {

// Owns every metric family; see the file comment.
class MetricsRegistry {
 public:
  // `unit`: what one counted unit is worth when exposed (Counter).
  MetricFamily<Counter>& counter(std::string name, std::string help, std::vector<std::string> labels = {},
                                 double unit = 1);
  MetricFamily<Gauge>& gauge(std::string name, std::string help, std::vector<std::string> labels = {});
  MetricFamily<Histogram>& histogram(std::string name, std::string help, std::vector<double> bounds,
                                     std::vector<std::string> labels = {});
  GaugeFunction& gauge_function(std::string name, std::string help);

  // Every family's samples now, in registration order.
  std::vector<FamilySnapshot> collect() const;

 private:
  template <class Family>
  Family& add(std::unique_ptr<Family> family, const std::vector<std::string>& labels);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Collector>> families_;
};

}  // namespace livedesk::support
