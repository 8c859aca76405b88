#include "stats/percentiles.hpp"

#include <algorithm>
#include <cmath>

namespace livedesk::bench {
namespace json = boost::json;

json::object percentiles_ms(std::vector<int64_t>& us) {
  json::object o;
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) -> json::value {
    if (us.empty()) return nullptr;
    size_t i = size_t(std::ceil(p / 100.0 * double(us.size())));
    i = std::min(us.size() - 1, i == 0 ? 0 : i - 1);
    return std::round(double(us[i]) / 10.0) / 100.0;
  };
  o["samples"] = us.size();
  o["p50_ms"] = pct(50);
  o["p99_ms"] = pct(99);
  o["p999_ms"] = pct(99.9);
  o["max_ms"] = us.empty() ? json::value(nullptr) : json::value(std::round(double(us.back()) / 10.0) / 100.0);
  return o;
}

}  // namespace livedesk::bench
