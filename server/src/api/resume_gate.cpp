#include "api/resume_gate.hpp"

#include <boost/json.hpp>

namespace livedesk::api {
namespace json = boost::json;

std::optional<std::pair<std::int64_t, std::int64_t>> message_frame_position(const std::string& frame) {
  // Cheap test first: only message frames are ever dropped, and they are rare
  // among held frames; parse only those.
  if (frame.find("\"message_created\"") == std::string::npos) return std::nullopt;
  boost::system::error_code ec;
  auto value = json::parse(frame, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto* type = value.as_object().if_contains("type");
  const auto* data = value.as_object().if_contains("data");
  if (!type || !type->is_string() || type->get_string() != "message_created" || !data || !data->is_object())
    return std::nullopt;
  const auto* message = data->as_object().if_contains("message");
  if (!message || !message->is_object()) return std::nullopt;
  const auto* session = message->as_object().if_contains("session_id");
  const auto* seq = message->as_object().if_contains("seq");
  if (!session || !seq || !session->is_int64() || !seq->is_int64()) return std::nullopt;
  return std::make_pair(session->get_int64(), seq->get_int64());
}

void ResumeGate::deliver(const realtime::Frame& frame) {
  {
    std::lock_guard lock(mutex_);
    if (!open_) return held_.push_back({frame, std::nullopt});
  }
  connection_->send(frame);
}

void ResumeGate::deliver_latest(const realtime::Frame& frame, int key) {
  {
    std::lock_guard lock(mutex_);
    if (!open_) return held_.push_back({frame, key});
  }
  connection_->send_latest(frame, key);
}

void ResumeGate::open(const std::vector<realtime::Frame>& first, const std::map<std::int64_t, std::int64_t>& covered) {
  // Sending under the lock keeps a frame delivered meanwhile behind the held
  // ones; send() only queues, so the lock is short.
  std::lock_guard lock(mutex_);
  if (open_) return;
  for (const auto& frame : first) connection_->send(frame);
  for (const auto& held : held_) {
    if (auto position = message_frame_position(*held.frame)) {
      auto it = covered.find(position->first);
      if (it != covered.end() && position->second <= it->second) continue;
    }
    held.latest_key ? connection_->send_latest(held.frame, *held.latest_key) : connection_->send(held.frame);
  }
  held_.clear();
  open_ = true;
}

}  // namespace livedesk::api
