#include "support/dashboard_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "support/jwt_tools.hpp"

namespace livedesk::it {
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

std::unique_ptr<WsClient> open_dashboard(unsigned short port, const std::string& token, json::object* auth_data,
                                         const std::string& label) {
  auto ws = std::make_unique<WsClient>(port, kDashboardPath, label);
  ws->send_json("auth", json::object{{"token", token}});
  auto frame = ws->next_frame();
  if (type_of(frame) != "auth_success")
    throw std::runtime_error("[" + label + "] expected auth_success first, got " + json::serialize(frame) + "\n" +
                             ws->describe());
  if (auth_data) *auth_data = data_of(frame);
  return ws;
}

std::vector<std::string> default_push_types() {
  std::vector<std::string> types{"queue_depth_changed", "session_update",  "agent_status_changed",
                                 "queue_updated",       "metrics_updated", "active_sessions_updated"};
  std::sort(types.begin(), types.end());
  return types;
}

std::vector<std::string> event_types_of(const json::object& frame) {
  std::vector<std::string> out;
  const auto* list = find_path(frame, {"data", "event_types"});
  if (!list || !list->is_array()) return {"<no event_types array>"};
  for (const auto& item : list->as_array()) out.push_back(item.is_string() ? std::string(item.as_string()) : "<non-string>");
  std::sort(out.begin(), out.end());
  return out;
}

bool is_iso_millis_utc(const json::value& value) {
  static const std::regex pattern(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
  return value.is_string() && std::regex_match(std::string(value.as_string()), pattern);
}

::testing::AssertionResult HasIsoTimestamp(const json::object& frame) {
  const auto* stamp = frame.if_contains("timestamp");
  if (stamp && is_iso_millis_utc(*stamp)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "timestamp is not YYYY-MM-DDTHH:MM:SS.mmmZ in " << json::serialize(frame);
}

const json::object& data_of(const json::object& frame) {
  static const json::object empty;
  const auto* data = frame.if_contains("data");
  return data && data->is_object() ? data->as_object() : empty;
}

std::string type_of(const json::object& frame) { return str_at(frame, {"type"}); }

namespace {
// Collects shape problems with a path prefix.
class Checker {
 public:
  explicit Checker(std::string what) : what_(std::move(what)) {}

  const json::value* field(const json::object& obj, const std::string& path, const char* key) {
    const auto* v = obj.if_contains(key);
    if (!v) problem(path + key, "is missing");
    return v;
  }
  void integer(const json::object& obj, const std::string& path, const char* key, bool non_negative = true) {
    if (const auto* v = field(obj, path, key)) {
      if (!(v->is_int64() || v->is_uint64())) return problem(path + key, "is not an integer: " + json::serialize(*v));
      if (non_negative && v->is_int64() && v->as_int64() < 0) problem(path + key, "is negative");
    }
  }
  void number_or_null(const json::object& obj, const std::string& path, const char* key) {
    if (const auto* v = field(obj, path, key))
      if (!v->is_null() && !v->is_number()) problem(path + key, "is neither a number nor null: " + json::serialize(*v));
  }
  void number(const json::object& obj, const std::string& path, const char* key) {
    if (const auto* v = field(obj, path, key))
      if (!v->is_number()) problem(path + key, "is not a number: " + json::serialize(*v));
  }
  void string(const json::object& obj, const std::string& path, const char* key) {
    if (const auto* v = field(obj, path, key))
      if (!v->is_string()) problem(path + key, "is not a string: " + json::serialize(*v));
  }
  void string_or_null(const json::object& obj, const std::string& path, const char* key) {
    if (const auto* v = field(obj, path, key))
      if (!v->is_string() && !v->is_null()) problem(path + key, "is neither a string nor null: " + json::serialize(*v));
  }
  void one_of(const json::object& obj, const std::string& path, const char* key, std::set<std::string> values,
              bool nullable = false) {
    if (const auto* v = field(obj, path, key)) {
      if (nullable && v->is_null()) return;
      if (!v->is_string() || !values.count(std::string(v->as_string())))
        problem(path + key, "has an unexpected value: " + json::serialize(*v));
    }
  }
  void time(const json::object& obj, const std::string& path, const char* key, bool nullable) {
    if (const auto* v = field(obj, path, key)) {
      if (nullable && v->is_null()) return;
      if (!is_iso_millis_utc(*v)) problem(path + key, "is not an ISO-8601 UTC time with ms: " + json::serialize(*v));
    }
  }
  const json::object* object(const json::object& obj, const std::string& path, const char* key, bool nullable = false) {
    const auto* v = field(obj, path, key);
    if (!v) return nullptr;
    if (nullable && v->is_null()) return nullptr;
    if (!v->is_object()) {
      problem(path + key, "is not an object: " + json::serialize(*v));
      return nullptr;
    }
    return &v->as_object();
  }
  void problem(const std::string& path, const std::string& text) { problems_.push_back(path + " " + text); }

  ::testing::AssertionResult result(const json::value& value) const {
    if (problems_.empty()) return ::testing::AssertionSuccess();
    auto failure = ::testing::AssertionFailure();
    failure << what_ << " does not match the contract:";
    for (const auto& p : problems_) failure << "\n  - " << p;
    std::string text = json::serialize(value);
    if (text.size() > 1500) text = text.substr(0, 1500) + "...";
    failure << "\n  value: " << text;
    return failure;
  }

 private:
  std::string what_;
  std::vector<std::string> problems_;
};

void check_session(Checker& c, const json::object& s, const std::string& p) {
  c.integer(s, p, "id");
  c.one_of(s, p, "status", {"waiting", "active", "closed"});
  if (const auto* customer = c.object(s, p, "customer")) {
    c.integer(*customer, p + "customer.", "id");
    c.string(*customer, p + "customer.", "name");
    c.string(*customer, p + "customer.", "email");
  }
  if (const auto* agent = c.object(s, p, "agent", true)) {
    c.integer(*agent, p + "agent.", "id");
    c.string(*agent, p + "agent.", "name");
  }
  c.string_or_null(s, p, "subject");
  c.time(s, p, "created_at", false);
  c.time(s, p, "assigned_at", true);
  c.time(s, p, "closed_at", true);
  c.one_of(s, p, "close_reason", {"resolved", "missed", "blocked"}, true);
  c.number(s, p, "wait_seconds");
  c.integer(s, p, "unread_count");
  c.object(s, p, "last_message", true);
  // Consistency the contract implies.
  const auto status = str_at(s, {"status"});
  const auto* reason = s.if_contains("close_reason");
  if (status == "closed" && reason && reason->is_null()) c.problem(p + "close_reason", "is null on a closed session");
  if (status != "closed" && reason && !reason->is_null()) c.problem(p + "close_reason", "is set on an open session");
  const auto* closed_at = s.if_contains("closed_at");
  if (status == "closed" && closed_at && closed_at->is_null()) c.problem(p + "closed_at", "is null on a closed session");
  const auto* agent = s.if_contains("agent");
  if (status == "active" && agent && agent->is_null()) c.problem(p + "agent", "is null on an active session");
  if (status == "waiting" && agent && !agent->is_null()) c.problem(p + "agent", "is set on a waiting session");
}
}  // namespace

::testing::AssertionResult IsSessionObject(const json::value& value) {
  Checker c("session");
  if (!value.is_object()) c.problem("session", "is not an object");
  else check_session(c, value.as_object(), "");
  return c.result(value);
}

::testing::AssertionResult IsQueueObject(const json::value& value) {
  Checker c("queue");
  if (!value.is_object()) {
    c.problem("queue", "is not an object");
    return c.result(value);
  }
  const auto& q = value.as_object();
  c.integer(q, "", "depth");
  c.number_or_null(q, "", "avg_wait_seconds");
  c.number_or_null(q, "", "longest_wait_seconds");
  if (const auto* sessions = c.field(q, "", "sessions")) {
    if (!sessions->is_array()) {
      c.problem("sessions", "is not an array");
    } else {
      std::size_t i = 0;
      for (const auto& s : sessions->as_array()) {
        const std::string p = "sessions[" + std::to_string(i++) + "].";
        if (!s.is_object()) {
          c.problem(p, "is not an object");
          continue;
        }
        check_session(c, s.as_object(), p);
        if (str_at(s.as_object(), {"status"}) != "waiting") c.problem(p + "status", "is not waiting");
      }
      const auto depth = int_at(q, {"depth"});
      if (depth && *depth != static_cast<std::int64_t>(sessions->as_array().size()))
        c.problem("depth", "differs from the number of sessions");
      const bool empty = sessions->as_array().empty();
      for (const char* key : {"avg_wait_seconds", "longest_wait_seconds"}) {
        const auto* v = q.if_contains(key);
        if (v && empty && !v->is_null()) c.problem(key, "is not null with an empty queue");
        if (v && !empty && v->is_null()) c.problem(key, "is null with a non-empty queue");
      }
    }
  }
  return c.result(value);
}

::testing::AssertionResult IsAgentObject(const json::value& value) {
  Checker c("agent");
  if (!value.is_object()) {
    c.problem("agent", "is not an object");
    return c.result(value);
  }
  const auto& a = value.as_object();
  c.integer(a, "", "id");
  c.string(a, "", "name");
  c.one_of(a, "", "status", {"active", "idle", "in_call", "offline"});
  c.integer(a, "", "active_sessions");
  c.integer(a, "", "sessions_handled_today");
  c.number_or_null(a, "", "avg_resolution_seconds");
  c.number_or_null(a, "", "satisfaction");
  c.time(a, "", "last_active_at", true);
  return c.result(value);
}

::testing::AssertionResult IsMetricsObject(const json::value& value) {
  Checker c("metrics");
  if (!value.is_object()) {
    c.problem("metrics", "is not an object");
    return c.result(value);
  }
  const auto& m = value.as_object();
  for (const char* key : {"active_sessions", "waiting_sessions", "sessions_today", "closed_today"}) c.integer(m, "", key);
  for (const char* key : {"avg_wait_seconds", "avg_first_response_seconds", "avg_resolution_seconds"})
    c.number_or_null(m, "", key);
  // docs/api.md extras.
  c.integer(m, "", "missed_today");
  for (const char* key : {"avg_chat_duration_seconds", "longest_wait_seconds", "avg_response_seconds",
                          "max_response_seconds"})
    c.number_or_null(m, "", key);
  if (const auto* agents = c.object(m, "", "agents"))
    for (const char* key : {"active", "idle", "in_call", "offline"}) c.integer(*agents, "agents.", key);
  if (const auto* csat = c.object(m, "", "csat")) {
    c.number_or_null(*csat, "csat.", "average");
    c.integer(*csat, "csat.", "count");
    c.number_or_null(*csat, "csat.", "change_pct");
    c.number_or_null(*csat, "csat.", "satisfaction_score");
    c.number_or_null(*csat, "csat.", "response_rate");
    if (const auto* dist = c.object(*csat, "csat.", "distribution")) {
      for (const char* key : {"1", "2", "3", "4", "5"}) c.integer(*dist, "csat.distribution.", key);
      if (dist->size() != 5) c.problem("csat.distribution", "does not have exactly the keys \"1\"..\"5\"");
    }
  }
  if (const auto* msgs = c.object(m, "", "messages")) {
    c.integer(*msgs, "messages.", "today");
    if (const auto* per_hour = c.field(*msgs, "messages.", "per_hour")) {
      if (!per_hour->is_array() || per_hour->as_array().size() != 24) {
        c.problem("messages.per_hour", "is not an array of 24 entries");
      } else {
        for (const auto& v : per_hour->as_array())
          if (!(v.is_int64() || v.is_uint64()) || (v.is_int64() && v.as_int64() < 0))
            c.problem("messages.per_hour", "has a non-count entry " + json::serialize(v));
      }
    }
    if (const auto* peak = c.field(*msgs, "messages.", "peak_hour")) {
      const bool ok = peak->is_null() || (peak->is_int64() && peak->as_int64() >= 0 && peak->as_int64() <= 23) ||
                      (peak->is_uint64() && peak->as_uint64() <= 23);
      if (!ok) c.problem("messages.peak_hour", "is neither null nor 0..23: " + json::serialize(*peak));
    }
    if (const auto* by_type = c.object(*msgs, "messages.", "by_type"))
      for (const char* key : {"text", "image", "file", "audio", "video"}) c.integer(*by_type, "messages.by_type.", key);
    if (const auto* by_status = c.object(*msgs, "messages.", "by_status"))
      for (const char* key : {"sent", "delivered", "read", "failed"}) c.integer(*by_status, "messages.by_status.", key);
  }
  return c.result(value);
}

::testing::AssertionResult IsPushedMessage(const json::value& value) {
  Checker c("message");
  if (!value.is_object()) {
    c.problem("message", "is not an object");
    return c.result(value);
  }
  const auto& m = value.as_object();
  c.integer(m, "", "id");
  c.integer(m, "", "seq");
  c.one_of(m, "", "sender_type", {"customer", "agent", "system"});
  c.one_of(m, "", "type", {"text", "image", "file", "audio", "video"});
  c.string(m, "", "body");
  c.one_of(m, "", "status", {"sent", "delivered", "read", "failed"});
  c.time(m, "", "created_at", false);
  return c.result(value);
}

// ---- RawWebSocket ---------------------------------------------------------

RawWebSocket::RawWebSocket(unsigned short port, const std::string& path, int receive_buffer_bytes) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  if (receive_buffer_bytes > 0)
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof receive_buffer_bytes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
  const std::string key = base64url_encode("0123456789abcdef");  // any 16 bytes, base64
  std::string std_key = key;
  std::replace(std_key.begin(), std_key.end(), '-', '+');
  std::replace(std_key.begin(), std_key.end(), '_', '/');
  while (std_key.size() % 4) std_key += '=';
  const std::string upgrade = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                              "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + std_key +
                              "\r\nSec-WebSocket-Version: 13\r\n\r\n";
  if (::send(fd_, upgrade.data(), upgrade.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(upgrade.size()))
    throw std::runtime_error("sending the upgrade request failed");
  // Read the 101 answer byte-exactly up to the blank line; frames after it stay in buffer_.
  const auto until = Clock::now() + std::chrono::seconds(10);
  std::string head;
  while (head.find("\r\n\r\n") == std::string::npos) {
    if (Clock::now() > until) throw std::runtime_error("no upgrade answer: " + head);
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) throw std::runtime_error("connection closed during the upgrade: " + head);
    head.append(chunk, static_cast<std::size_t>(n));
  }
  const auto end = head.find("\r\n\r\n") + 4;
  buffer_ = head.substr(end);
  head.resize(end);
  if (head.rfind("HTTP/1.1 101", 0) != 0) throw std::runtime_error("upgrade refused: " + head);
}

RawWebSocket::~RawWebSocket() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawWebSocket::send_text(const std::string& text) {
  std::string frame;
  frame.push_back(static_cast<char>(0x81));
  const std::size_t n = text.size();
  if (n < 126) {
    frame.push_back(static_cast<char>(0x80 | n));
  } else if (n < 65536) {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>((n >> 8) & 0xff));
    frame.push_back(static_cast<char>(n & 0xff));
  } else {
    frame.push_back(static_cast<char>(0x80 | 127));
    for (int i = 7; i >= 0; --i) frame.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  }
  const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
  frame.append(reinterpret_cast<const char*>(mask), 4);
  for (std::size_t i = 0; i < n; ++i) frame.push_back(static_cast<char>(text[i] ^ mask[i % 4]));
  std::size_t sent = 0;
  while (sent < frame.size()) {
    const ssize_t w = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (w <= 0) return false;
    sent += static_cast<std::size_t>(w);
  }
  return true;
}

std::optional<int> RawWebSocket::parse_frames(const std::string& needle, bool* found) {
  for (;;) {
    if (buffer_.size() < 2) return std::nullopt;
    const auto b0 = static_cast<unsigned char>(buffer_[0]);
    const auto b1 = static_cast<unsigned char>(buffer_[1]);
    std::size_t header = 2;
    std::uint64_t len = b1 & 0x7f;
    if (len == 126) {
      if (buffer_.size() < 4) return std::nullopt;
      len = (std::uint64_t(static_cast<unsigned char>(buffer_[2])) << 8) | static_cast<unsigned char>(buffer_[3]);
      header = 4;
    } else if (len == 127) {
      if (buffer_.size() < 10) return std::nullopt;
      len = 0;
      for (int i = 0; i < 8; ++i) len = (len << 8) | static_cast<unsigned char>(buffer_[2 + i]);
      header = 10;
    }
    if (b1 & 0x80) header += 4;  // servers do not mask, but be lenient
    if (buffer_.size() < header + len) return std::nullopt;
    const std::string payload = buffer_.substr(header, len);
    buffer_.erase(0, header + len);
    const int opcode = b0 & 0x0f;
    if (opcode == 0x1 || opcode == 0x0) {
      ++text_frames_;
      if (found && !needle.empty() && payload.find(needle) != std::string::npos) *found = true;
    } else if (opcode == 0x8) {
      if (payload.size() >= 2)
        return (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
      return 1005;  // a close frame without a code
    }
  }
}

bool RawWebSocket::read_until_text_contains(const std::string& needle, std::chrono::milliseconds deadline) {
  const auto until = Clock::now() + deadline;
  bool found = false;
  for (;;) {
    if (parse_frames(needle, &found)) return false;
    if (found) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::min<long long>(left, 200))) <= 0) continue;
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

int RawWebSocket::read_until_closed(std::chrono::milliseconds deadline) {
  const auto until = Clock::now() + deadline;
  for (;;) {
    if (auto code = parse_frames("", nullptr)) return *code;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return -2;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::min<long long>(left, 200))) <= 0) continue;
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      if (auto code = parse_frames("", nullptr)) return *code;
      return -1;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

}  // namespace livedesk::it
