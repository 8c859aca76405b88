#include "clients/frames.hpp"

namespace livedesk::bench {
namespace json = boost::json;

const std::vector<std::string> kAllPushTypes = {"queue_depth_changed", "session_update",  "agent_status_changed",
                                                "message_created",     "typing_indicator", "queue_updated",
                                                "metrics_updated",     "active_sessions_updated"};
const std::vector<std::string> kSnapshotTypes = {"queue_updated", "metrics_updated", "active_sessions_updated"};

std::string frame(std::string_view type, const json::object& data) {
  json::object o;
  o["type"] = type;
  o["data"] = data;
  return json::serialize(o);
}

std::string_view frame_type(std::string_view frame) {
  constexpr std::string_view prefix = "{\"type\":\"";
  if (frame.substr(0, prefix.size()) != prefix) return {};
  auto end = frame.find('"', prefix.size());
  if (end == std::string_view::npos) return {};
  return frame.substr(prefix.size(), end - prefix.size());
}

json::object parse_obj(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

const json::object* obj_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? &it->value().as_object() : nullptr;
}

const json::object* obj_at(const json::object* o, std::string_view key) { return o ? obj_at(*o, key) : nullptr; }

int64_t int_at(const json::object* o, std::string_view key, int64_t fallback) {
  if (!o) return fallback;
  auto it = o->find(key);
  return it != o->end() && it->value().is_int64() ? it->value().as_int64() : fallback;
}

std::string str_at(const json::object* o, std::string_view key) {
  if (!o) return {};
  auto it = o->find(key);
  return it != o->end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string{};
}

json::array to_json_array(const std::vector<std::string>& v) {
  json::array a;
  for (auto& s : v) a.push_back(json::string(s));
  return a;
}

}  // namespace livedesk::bench
