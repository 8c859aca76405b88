// A blocking WebSocket client for the integration tests (Beast inside), plus
// small helpers for the chat API (start a chat, open the customer and agent
// sockets, read messages over REST).
//
// One background thread owns the socket: it reads every frame into a queue
// and performs the writes, so waiting for a frame never closes the
// connection and a timeout is only a failed wait. Every failure throws
// std::runtime_error with what was seen on the socket; gtest reports an
// exception escaping a test body as a failure.
//
// Every frame the server sends is checked to be a JSON object with a string
// "type" and a "timestamp" string ending in 'Z' (ADD_FAILURE otherwise).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/http_client.hpp"

namespace livedesk::it {

inline constexpr std::chrono::milliseconds kFrameDeadline{10000};

using FramePredicate = std::function<bool(const boost::json::object& frame)>;

class WsClient {
 public:
  // Connects to ws://127.0.0.1:port<path> (10 s deadline); throws when the
  // connection or the upgrade fails (the message has the HTTP answer).
  WsClient(unsigned short port, const std::string& path, std::string label = "ws");
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  const std::string& label() const { return label_; }

  // {"type": type, "data": data}; throws when the write fails.
  void send_json(const std::string& type, const boost::json::object& data);
  // {"type": type} without data.
  void send_type(const std::string& type);
  void send_text(const std::string& text);
  void send_binary(const std::string& bytes);
  // Like send_text / send_binary, but answer false instead of throwing when the write fails.
  bool try_send_text(const std::string& text);
  bool try_send_binary(const std::string& bytes);
  // Writes one masked frame straight to the TCP socket, past Beast's writer:
  // for frames the server is expected to refuse by closing (oversized, bad
  // UTF-8), so that a failing write cannot abort the read of the server's
  // close frame. Answers false when the write fails.
  bool send_raw_frame(const std::string& payload, bool binary = false);

  // The oldest frame not yet taken: from the backlog first, then the socket.
  // Throws on timeout or when the connection closed first.
  boost::json::object next_frame(std::chrono::milliseconds timeout = kFrameDeadline);
  // The first frame of `type` that satisfies `pred` (any, when empty), from the
  // backlog first; frames that do not match are kept in the backlog, in order.
  boost::json::object wait_for(const std::string& type, const FramePredicate& pred = {},
                               std::chrono::milliseconds timeout = kFrameDeadline);
  // Waits until the server has closed the connection; frames that came before
  // go to the backlog. Returns the close code, or -1 when the connection ended
  // without a close frame. Throws when it is still open after `timeout`.
  int expect_closed(std::chrono::milliseconds timeout = kFrameDeadline);
  bool closed();

  // A heartbeat round trip: every frame the server queued for us before the
  // pong is in the backlog afterwards.
  void sync(std::chrono::milliseconds timeout = kFrameDeadline);

  // The frames received but not taken, oldest first.
  std::deque<boost::json::object>& backlog() { return backlog_; }
  std::vector<boost::json::object> take_backlog();
  // Moves everything already received into the backlog (no waiting).
  void drain();

  // Graceful close (1000) and wait for the server's answer (up to 5 s).
  void close();
  // Drops the TCP connection without a close handshake.
  void drop();

  // Sends are paced to at most this many per sliding second (default 80), to
  // stay under the server's 100-frames-a-second limit. 0 disables pacing.
  void set_send_rate(int per_second) { send_rate_ = per_second; }

  // The last frames seen and the state, for failure messages.
  std::string describe() const;

 private:
  struct Impl;
  bool write(std::string payload, bool binary, bool raw = false);
  // Pulls one frame from the socket queue (blocking until `until`); nullopt
  // on timeout or when closed and nothing is left.
  std::optional<boost::json::object> pull(std::chrono::steady_clock::time_point until);
  [[noreturn]] void fail(const std::string& what) const;
  void pace();

  std::string label_;
  std::unique_ptr<Impl> impl_;
  std::deque<boost::json::object> backlog_;
  std::deque<std::string> recent_;  // summaries of the last frames, for failures
  int send_rate_ = 80;
  std::deque<std::chrono::steady_clock::time_point> sent_at_;
};

// ---- JSON helpers -------------------------------------------------------

// The value at `path` (object keys; numeric strings index arrays), or nullptr.
const boost::json::value* find_path(const boost::json::value& root, std::initializer_list<std::string_view> path);
const boost::json::value* find_path(const boost::json::object& root, std::initializer_list<std::string_view> path);
// The string at `path`, or "" when absent or not a string.
std::string str_at(const boost::json::object& root, std::initializer_list<std::string_view> path);
// The integer at `path`, or nullopt when absent or not an integer.
std::optional<std::int64_t> int_at(const boost::json::object& root, std::initializer_list<std::string_view> path);
std::string to_text(const boost::json::value& value);

// ---- Chat helpers -------------------------------------------------------

struct StaffLogin {
  std::string token;
  std::int64_t id = 0;
};
// Logs in; throws unless 200 with a token and user.id.
StaffLogin login_staff(unsigned short port, const std::string& username, const std::string& password);

struct StartedChat {
  std::int64_t session_id = 0;
  std::string token;  // the customer token
  boost::json::object body;  // the whole 201 answer
};
// POST /api/v1/chat/sessions; throws unless 201 with session_id and customer_token.
StartedChat start_chat(unsigned short port, const std::string& name, const std::string& email,
                       const boost::json::object& extra = {});

// GET /api/v1/chat/sessions/{id} with `token`; throws unless 200 with a session object.
boost::json::object fetch_session(unsigned short port, const std::string& token, std::int64_t session_id);
// Every message of the session (pages of 1000); throws unless each page answers 200.
std::vector<boost::json::object> fetch_messages(unsigned short port, const std::string& token,
                                                std::int64_t session_id);
// POST /api/v1/chat/sessions/{id}/messages.
HttpResult post_message(unsigned short port, const std::string& token, std::int64_t session_id,
                        const std::string& body, const std::string& client_msg_id = "");
std::string session_path(std::int64_t session_id, const std::string& suffix = "");

// Opens the customer socket and authenticates; returns after auth_success
// (its data in *auth_data when given).
std::unique_ptr<WsClient> open_customer(unsigned short port, const std::string& customer_token,
                                        std::int64_t last_seq = 0, boost::json::object* auth_data = nullptr);
// Opens the agent socket and authenticates (with "resume" when not empty).
std::unique_ptr<WsClient> open_agent(unsigned short port, const std::string& access_token,
                                     const boost::json::object& resume = {},
                                     boost::json::object* auth_data = nullptr);

// Predicates.
FramePredicate session_is(std::int64_t session_id, const std::string& status = "");
FramePredicate message_in(std::int64_t session_id, std::int64_t seq = -1);
FramePredicate error_code_is(const std::string& code);
FramePredicate ack_for(const std::string& client_msg_id);

// Polls `probe` every 20 ms until it answers true; throws `what` after `deadline`.
void poll_until(const std::function<bool()>& probe, const std::string& what,
                std::chrono::milliseconds deadline = std::chrono::seconds(15));

}  // namespace livedesk::it
