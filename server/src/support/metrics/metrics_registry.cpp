#include "support/metrics/metrics_registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace livedesk::support {
namespace {
bool name_char(char c, bool first, bool colon) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
  return letter || (!first && c >= '0' && c <= '9');
}

bool valid_name(const std::string& name, bool colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (!name_char(name[i], i == 0, colon)) return false;
  return true;
}

void check_names(const std::string& name, const std::vector<std::string>& labels) {
  if (!valid_name(name, true)) throw std::invalid_argument("invalid metric name: " + name);
  for (const auto& label : labels) {
    if (!valid_name(label, false) || label.starts_with("__"))
      throw std::invalid_argument("invalid label name for " + name + ": " + label);
    if (std::count(labels.begin(), labels.end(), label) > 1)
      throw std::invalid_argument("label named twice for " + name + ": " + label);
  }
}
}  // namespace

template <class Family>
Family& MetricsRegistry::add(std::unique_ptr<Family> family, const std::vector<std::string>& labels) {
  check_names(family->name(), labels);
  std::lock_guard lock(mutex_);
  for (const auto& existing : families_)
    if (existing->name() == family->name()) throw std::invalid_argument("metric registered twice: " + family->name());
  Family& added = *family;
  families_.push_back(std::move(family));
  return added;
}

MetricFamily<Counter>& MetricsRegistry::counter(std::string name, std::string help, std::vector<std::string> labels,
                                                double unit) {
  auto family = std::make_unique<MetricFamily<Counter>>(std::move(name), std::move(help), labels,
                                                        [unit] { return std::make_unique<Counter>(unit); });
  return add(std::move(family), labels);
}

MetricFamily<Gauge>& MetricsRegistry::gauge(std::string name, std::string help, std::vector<std::string> labels) {
  auto family = std::make_unique<MetricFamily<Gauge>>(std::move(name), std::move(help), labels,
                                                      [] { return std::make_unique<Gauge>(); });
  return add(std::move(family), labels);
}

MetricFamily<Histogram>& MetricsRegistry::histogram(std::string name, std::string help, std::vector<double> bounds,
                                                    std::vector<std::string> labels) {
  if (std::find(labels.begin(), labels.end(), "le") != labels.end())
    throw std::invalid_argument("a histogram may not have a label named le: " + name);
  Histogram probe(bounds);  // refuses bad bounds now rather than at the first with()
  auto family = std::make_unique<MetricFamily<Histogram>>(std::move(name), std::move(help), labels,
                                                          [bounds] { return std::make_unique<Histogram>(bounds); });
  return add(std::move(family), labels);
}

GaugeFunction& MetricsRegistry::gauge_function(std::string name, std::string help) {
  return add(std::make_unique<GaugeFunction>(std::move(name), std::move(help)), {});
}

std::vector<FamilySnapshot> MetricsRegistry::collect() const {
  std::vector<const Collector*> families;
  {
    std::lock_guard lock(mutex_);
    for (const auto& family : families_) families.push_back(family.get());
  }
  // Outside the registry's lock: a gauge function may take locks of its own.
  std::vector<FamilySnapshot> out;
  out.reserve(families.size());
  for (const auto* family : families) out.push_back(family->collect());
  return out;
}

}  // namespace livedesk::support
