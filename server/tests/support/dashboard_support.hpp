// Helpers for the supervisor dashboard integration tests: opening an
// authenticated dashboard socket, shape checks for the contract's objects
// (session, queue, agent, metrics), a strict timestamp check, and a raw
// WebSocket client that can stop reading (for the slow-consumer test).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {

inline constexpr const char* kDashboardPath = "/api/v1/admin/chat-dashboard/ws";
inline constexpr const char* kDashboardRest = "/api/v1/admin/chat-dashboard";

// Connects to the dashboard socket and authenticates with `token`; throws
// unless the first frame is auth_success (its data in *auth_data when given).
std::unique_ptr<WsClient> open_dashboard(unsigned short port, const std::string& token,
                                         boost::json::object* auth_data = nullptr,
                                         const std::string& label = "dashboard");

// The push types a new connection gets without asking (the contract's list
// minus message_created and typing_indicator), sorted.
std::vector<std::string> default_push_types();
// The "event_types" array of a "subscribed" frame as sorted strings.
std::vector<std::string> event_types_of(const boost::json::object& subscribed_frame);

// "YYYY-MM-DDTHH:MM:SS.mmmZ" exactly.
bool is_iso_millis_utc(const boost::json::value& value);
// The frame's "timestamp" is an ISO-8601 UTC string with milliseconds.
::testing::AssertionResult HasIsoTimestamp(const boost::json::object& frame);

// Shape checks against shared/contract.md (extra fields are allowed).
::testing::AssertionResult IsSessionObject(const boost::json::value& value);
::testing::AssertionResult IsQueueObject(const boost::json::value& value);
::testing::AssertionResult IsAgentObject(const boost::json::value& value);
// Also checks the extras that docs/api.md adds to metrics.
::testing::AssertionResult IsMetricsObject(const boost::json::value& value);
// The contract's message object inside message_created.
::testing::AssertionResult IsPushedMessage(const boost::json::value& value);

// The "data" object of a frame (empty object when absent).
const boost::json::object& data_of(const boost::json::object& frame);
std::string type_of(const boost::json::object& frame);

// A minimal WebSocket client on a raw socket that reads only when told to.
// The receive buffer is made small before connecting so that a client that
// stops reading is noticed by the server quickly.
class RawWebSocket {
 public:
  RawWebSocket(unsigned short port, const std::string& path, int receive_buffer_bytes = 4096);
  ~RawWebSocket();
  RawWebSocket(const RawWebSocket&) = delete;
  RawWebSocket& operator=(const RawWebSocket&) = delete;

  // Sends one masked text frame; false when the write fails.
  bool send_text(const std::string& text);
  // Reads (and parses) frames until a text frame containing `needle` came;
  // false on timeout or close.
  bool read_until_text_contains(const std::string& needle, std::chrono::milliseconds deadline);
  // Reads everything until a close frame or EOF; returns the close code of the
  // close frame, -1 when the connection ended without one, -2 on timeout.
  int read_until_closed(std::chrono::milliseconds deadline);
  // Text frames parsed so far.
  std::size_t text_frames() const { return text_frames_; }

 private:
  // Parses complete frames from buffer_; returns the close code when a close frame came.
  std::optional<int> parse_frames(const std::string& needle, bool* found);
  int fd_ = -1;
  std::string buffer_;
  std::size_t text_frames_ = 0;
};

}  // namespace livedesk::it
