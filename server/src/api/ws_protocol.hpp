#pragma once
// What every livedesk WebSocket protocol shares: the envelope, the auth-first
// rule with its three failures (1008), the 100-frames-a-second limit, the
// heartbeat, and bad_message / unknown_type answers. Subclasses authenticate
// and handle their own message types.
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string_view>

#include "api/ws_connection.hpp"
#include "service/auth_service.hpp"

namespace livedesk::api {

// Base of the customer, agent and dashboard protocols.
class WsProtocol : public WsHandler, public std::enable_shared_from_this<WsProtocol> {
 public:
  explicit WsProtocol(std::shared_ptr<WsConnection> connection) : connection_(std::move(connection)) {}

  void on_text(std::string_view text) final;
  void on_binary() final;
  void on_auth_timeout() final;

 protected:
  // Verifies `data` (an object); returns true when the socket is now authenticated.
  virtual bool authenticate(const boost::json::object& data) = 0;
  // Handles one authenticated frame; returns false for an unknown type.
  virtual bool handle(std::string_view type, const boost::json::object& data) = 0;

  void send_error(std::string_view code, std::string_view message, boost::json::object extra = {});
  void fail_auth(std::string_view message);
  // The staff member an auth frame's token names; after fail_auth, nullopt.
  std::optional<service::Principal> staff_from(const boost::json::object& data, const service::AuthService& auth);
  bool authenticated() const { return authenticated_; }
  std::shared_ptr<WsConnection> connection_;

 private:
  bool over_rate_limit();

  bool authenticated_ = false;
  std::chrono::steady_clock::time_point window_start_{};
  int frames_in_window_ = 0;
};

// Field readers for frame data; they throw FrameError, which the base answers with bad_message.
struct FrameError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
std::int64_t frame_int(const boost::json::object& data, std::string_view field);
std::string frame_string(const boost::json::object& data, std::string_view field, std::size_t max_length = 10'000);
std::optional<std::string> frame_optional_string(const boost::json::object& data, std::string_view field,
                                                 std::size_t max_length = 10'000);
bool frame_bool(const boost::json::object& data, std::string_view field);

}  // namespace livedesk::api
