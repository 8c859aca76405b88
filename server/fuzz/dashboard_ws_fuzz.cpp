// The supervisors' dashboard socket (/api/v1/admin/chat-dashboard/ws) under
// arbitrary frames, one per line of the input; the invariants are those of
// fakes/conversation.hpp, and an agent's token never authenticates it.
// The corpus's auth frames carry staff tokens of fakes/staff_auth.hpp's secret.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/dashboard_ws.hpp"
#include "domain/role.hpp"
#include "fakes/conversation.hpp"
#include "fakes/staff_auth.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace livedesk;
  realtime::TopicHub hub;
  fuzz::run_conversation(
      std::string_view(reinterpret_cast<const char*>(data), size),
      [&](service::ChatService& chat) {
        return std::make_unique<api::DashboardWsEndpoint>(chat, fuzz::staff_auth(), hub);
      },
      [](std::string_view auth_frame) {
        const auto token = boost::json::parse(auth_frame).at("data").at("token").as_string();
        const auto principal = fuzz::staff_auth().verify_staff(token);
        FUZZ_CHECK(principal && domain::has_at_least(principal->role, domain::Role::supervisor));
      });
  return 0;
}
