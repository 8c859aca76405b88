#include "api/ws_protocol.hpp"

#include "api/json_io.hpp"

#include "api/chat_json.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
constexpr int max_frames_per_second = 100;
constexpr int policy_violation = 1008;
}  // namespace

void WsProtocol::send_error(std::string_view code, std::string_view message, json::object extra) {
  connection_->send(error_frame(code, message, std::move(extra)));
}

void WsProtocol::fail_auth(std::string_view message) {
  send_error("auth_failed", message);
  connection_->close(policy_violation, "authentication failed");
}

std::optional<service::Principal> WsProtocol::staff_from(const json::object& data, const service::AuthService& auth) {
  const json::value* token = data.if_contains("token");
  if (!token || !token->is_string()) {
    fail_auth("auth needs a string token");
    return std::nullopt;
  }
  auto principal = auth.verify_staff(token->get_string());
  if (!principal) fail_auth("invalid or expired token");
  return principal;
}

bool WsProtocol::over_rate_limit() {
  const auto now = std::chrono::steady_clock::now();
  if (now - window_start_ >= std::chrono::seconds(1)) {
    window_start_ = now;
    frames_in_window_ = 0;
  }
  return ++frames_in_window_ > max_frames_per_second;
}

void WsProtocol::on_auth_timeout() {
  if (authenticated_) return;
  send_error("auth_timeout", "no auth message within 5 seconds");
  connection_->close(policy_violation, "authentication timeout");
}

void WsProtocol::on_binary() {
  if (!authenticated_) {
    send_error("not_authenticated", "the first message must be auth");
    connection_->close(policy_violation, "not authenticated");
    return;
  }
  if (over_rate_limit()) return send_error("rate_limited", "more than 100 messages in one second");
  send_error("bad_message", "binary frames are not supported; send JSON text");
}

void WsProtocol::on_text(std::string_view text) {
  if (authenticated_ && over_rate_limit()) return send_error("rate_limited", "more than 100 messages in one second");
  boost::system::error_code ec;
  json::value parsed = json::parse(text, ec);
  const json::object* frame = (!ec && parsed.is_object()) ? &parsed.as_object() : nullptr;
  const json::value* type = frame ? frame->if_contains("type") : nullptr;
  if (!frame || !type || !type->is_string()) {
    if (!authenticated_) {
      send_error("not_authenticated", "the first message must be auth");
      return connection_->close(policy_violation, "not authenticated");
    }
    return send_error("bad_message", ec ? "malformed JSON: " + ec.message() : "a frame is an object with a string type");
  }
  if (contains_nul(parsed)) {
    if (!authenticated_) return fail_auth("text may not contain NUL (\\u0000) characters");
    return send_error("invalid_field", "text may not contain NUL (\\u0000) characters");
  }
  const std::string_view name = type->get_string();
  const json::value* data = frame->if_contains("data");
  static const json::object empty;
  if (!authenticated_) {
    if (name != "auth") {
      send_error("not_authenticated", "the first message must be auth");
      return connection_->close(policy_violation, "not authenticated");
    }
    if (!data || !data->is_object()) return fail_auth("auth needs data {\"token\": ...}");
    if (authenticate(data->as_object())) {
      authenticated_ = true;
      connection_->authenticated();
    }
    return;
  }
  if (data && !data->is_null() && !data->is_object()) return send_error("bad_message", "data must be an object");
  const json::object& fields = (data && data->is_object()) ? data->as_object() : empty;
  try {
    if (name == "heartbeat") return connection_->send(event_frame("heartbeat", {{"pong", true}}));
    if (name == "auth") return send_error("bad_message", "already authenticated");
    if (!handle(name, fields)) send_error("unknown_type", "unknown message type: " + std::string(name));
  } catch (const FrameError& error) {
    send_error("bad_message", error.what());
  }
}

std::int64_t frame_int(const json::object& data, std::string_view field) {
  const json::value* v = data.if_contains(field);
  if (!v || !(v->is_int64() || (v->is_uint64() && v->get_uint64() <= std::uint64_t(INT64_MAX))))
    throw FrameError("field '" + std::string(field) + "' must be an integer");
  return v->to_number<std::int64_t>();
}

std::string frame_string(const json::object& data, std::string_view field, std::size_t max_length) {
  auto value = frame_optional_string(data, field, max_length);
  if (!value) throw FrameError("field '" + std::string(field) + "' is required");
  return *value;
}

std::optional<std::string> frame_optional_string(const json::object& data, std::string_view field,
                                                 std::size_t max_length) {
  const json::value* v = data.if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw FrameError("field '" + std::string(field) + "' must be a string");
  if (v->get_string().size() > max_length)
    throw FrameError("field '" + std::string(field) + "' is longer than " + std::to_string(max_length));
  return std::string(v->get_string());
}

bool frame_bool(const json::object& data, std::string_view field) {
  const json::value* v = data.if_contains(field);
  if (!v || !v->is_bool()) throw FrameError("field '" + std::string(field) + "' must be true or false");
  return v->get_bool();
}

}  // namespace livedesk::api
