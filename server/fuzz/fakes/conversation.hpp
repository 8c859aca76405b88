#pragma once
// One fuzz input as one WebSocket conversation (a frame per line) with a
// protocol, twice: the fake chat service answering every call, then refusing
// every call. Checks what holds for every protocol whatever the client sends:
// - no exception escapes on_text (a bad field is a FrameError, answered bad_message);
// - every frame sent is a JSON object with a string type (RecordingConnection);
// - until the socket is authenticated, each frame either authenticates it or
//   closes it with 1008, and nothing but auth reaches the chat service;
// - after on_closed, every connection the protocol reported is disconnected again.
#include <memory>
#include <string_view>

#include "api/ws_connection.hpp"
#include "fakes/fake_chat_service.hpp"
#include "fakes/frames_input.hpp"
#include "fakes/fuzz_check.hpp"
#include "fakes/recording_connection.hpp"

namespace livedesk::fuzz {

// make_endpoint(chat) returns the protocol's WsEndpoint over that chat service;
// check_authenticated(frame) checks the frame that authenticated the socket.
template <class MakeEndpoint, class CheckAuthenticated = void (*)(std::string_view)>
void run_conversation(std::string_view input, MakeEndpoint make_endpoint,
                      CheckAuthenticated check_authenticated = [](std::string_view) {}) {
  for (const bool refuse : {false, true}) {
    FakeChatService chat;
    chat.refuse = refuse;
    auto endpoint = make_endpoint(chat);
    auto connection = std::make_shared<RecordingConnection>();
    auto handler = endpoint->open(connection);
    for (const auto frame : frames_of(input)) {
      const bool was_authenticated = connection->authentications > 0;
      const auto calls_before = chat.calls.size();
      handler->on_text(frame);
      FUZZ_CHECK(connection->authentications <= 1);
      if (!was_authenticated) {
        FUZZ_CHECK(connection->authentications == 1 || connection->close_code == 1008);
        if (connection->authentications == 0) FUZZ_CHECK(chat.calls.size() == calls_before);
        else check_authenticated(frame);
      }
      if (connection->close_code) break;  // net/ reads no further frame from a closing socket
    }
    handler->on_closed();
    FUZZ_CHECK(chat.staff_sockets == 0);
    FUZZ_CHECK(chat.customer_sockets == 0);
  }
}

}  // namespace livedesk::fuzz
