#pragma once
// A WsConnection for fuzz targets: it keeps what a protocol sends and checks
// what every frame must be (a JSON object with a string "type"), and records
// the close. One thread only.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/ws_connection.hpp"
#include "fakes/fuzz_check.hpp"

namespace livedesk::fuzz {

// The recording socket; see the file comment.
class RecordingConnection final : public api::WsConnection {
 public:
  void send(const realtime::Frame& frame) override {
    FUZZ_CHECK(frame != nullptr);
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(frame->text, ec);
    FUZZ_CHECK(!ec && parsed.is_object());
    const auto* type = parsed.as_object().if_contains("type");
    FUZZ_CHECK(type && type->is_string());
    types.emplace_back(type->get_string());
  }
  void send_latest(const realtime::Frame& frame, int) override { send(frame); }
  void close(int code, std::string) override {
    if (!close_code) close_code = code;
  }
  void authenticated() override { ++authentications; }
  const std::string& client_address() const override { return address_; }

  // The "type" of each frame sent, in order.
  std::vector<std::string> types;
  std::optional<int> close_code;
  int authentications = 0;

 private:
  std::string address_ = "192.0.2.1";
};

}  // namespace livedesk::fuzz
