#pragma once
// What a scrape reads out of the registry: each family's samples at one
// moment, as plain values the text exposition (prometheus_text.hpp) writes.
#include <string>
#include <utility>
#include <vector>

namespace livedesk::support {

enum class MetricType { counter, gauge, histogram };

using LabelPairs = std::vector<std::pair<std::string, std::string>>;

// One line of the exposition: `<family name><suffix>{labels} value`.
struct MetricSample {
  std::string suffix;  // "", or "_bucket" / "_sum" / "_count" for a histogram
  LabelPairs labels;
  double value = 0;
};

// One family: its HELP and TYPE lines and its samples (none until a labelled child exists).
struct FamilySnapshot {
  std::string name;
  std::string help;
  MetricType type = MetricType::gauge;
  std::vector<MetricSample> samples;
};

}  // namespace livedesk::support
