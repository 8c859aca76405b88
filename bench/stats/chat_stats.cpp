#include "stats/chat_stats.hpp"

#include <boost/json/array.hpp>
#include <cstdlib>

#include "clients/frames.hpp"
#include "process/process_usage.hpp"

namespace livedesk::bench {
namespace json = boost::json;

void ChatStats::count_error(std::string_view frame) {
  auto o = parse_obj(frame);
  ++errors;
  ++error_codes[str_at(obj_at(o, "data"), "code")];
}

void ChatStats::record_delivery(const json::object* message, int64_t now_us) {
  const int64_t t = body_time(str_at(message, "body"));
  if (t < 0) return;
  ++delivered;
  if (t >= window_start && now_us <= window_end) ++delivered_in_window;
  lat_us.push_back(now_us - t);
}

json::object ChatStats::report(bool with_latency) const {
  json::object o{{"sent", sent},           {"acked", acked},   {"delivered", delivered},
                 {"delivered_in_window", delivered_in_window}, {"errors", errors}, {"closed", closed},
                 {"cpu_s", cpu_seconds_self()}};
  json::object codes;
  for (auto& [k, v] : error_codes) codes[k] = v;
  o["error_codes"] = codes;
  if (with_latency) {
    json::array a;
    a.reserve(lat_us.size());
    for (auto v : lat_us) a.push_back(v);
    o["lat_us"] = std::move(a);
  }
  return o;
}

std::string pad_body(int64_t t_us, int bytes) {
  std::string b = "lat " + std::to_string(t_us) + " ";
  while (int(b.size()) < bytes) b.push_back('x');
  return b;
}

int64_t body_time(std::string_view body) {
  if (body.substr(0, 4) != "lat ") return -1;
  return std::strtoll(std::string(body.substr(4, 20)).c_str(), nullptr, 10);
}

}  // namespace livedesk::bench
