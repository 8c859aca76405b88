// The customer's socket (/api/v1/chat/ws) under arbitrary frames, one per
// line of the input; the invariants are those of fakes/conversation.hpp. The
// corpus's auth frames carry FakeChatService::customer_token.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/chat_ws.hpp"
#include "fakes/conversation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace livedesk;
  realtime::TopicHub hub;
  fuzz::run_conversation(std::string_view(reinterpret_cast<const char*>(data), size), [&](service::ChatService& chat) {
    return std::make_unique<api::CustomerWsEndpoint>(chat, hub);
  });
  return 0;
}
