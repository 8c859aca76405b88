#include "stats/worker_reports.hpp"

#include "clients/frames.hpp"

namespace livedesk::bench {
namespace json = boost::json;

int64_t sum_field(const std::vector<json::object>& rs, std::string_view k) {
  int64_t s = 0;
  for (auto& r : rs)
    if (auto it = r.find(k); it != r.end() && it->value().is_number()) s += it->value().to_number<int64_t>();
  return s;
}

double sum_double(const std::vector<json::object>& rs, std::string_view k) {
  double s = 0;
  for (auto& r : rs)
    if (auto it = r.find(k); it != r.end() && it->value().is_number()) s += it->value().to_number<double>();
  return s;
}

json::object merge_codes(const std::vector<json::object>& rs) {
  json::object out;
  for (auto& r : rs)
    if (auto* c = obj_at(r, "error_codes"))
      for (auto& kv : *c) {
        int64_t prev = out.contains(kv.key()) ? out[kv.key()].as_int64() : 0;
        out[kv.key()] = prev + kv.value().as_int64();
      }
  return out;
}

std::vector<int64_t> merge_lat(const std::vector<json::object>& rs) {
  std::vector<int64_t> all;
  for (auto& r : rs)
    if (auto it = r.find("lat_us"); it != r.end() && it->value().is_array())
      for (auto& v : it->value().as_array()) all.push_back(v.as_int64());
  return all;
}

}  // namespace livedesk::bench
