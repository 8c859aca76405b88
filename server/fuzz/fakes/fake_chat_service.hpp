#pragma once
// A ChatService for fuzz targets: it decides nothing. Every call is answered
// at once, on the caller's thread, with a default-built result (so the code
// that turns results into frames runs too) or, when `refuse` is set, with a
// 409; the names of the calls made are kept for the target to check. Customer
// tokens: only `customer_token` opens a session (customer 7, session 11).
// One thread only, like the protocols that call it.
#include <string>
#include <vector>

#include "service/chat_service.hpp"

namespace livedesk::fuzz {

// The answering stand-in; see the file comment.
class FakeChatService final : public service::ChatService {
 public:
  static constexpr std::string_view customer_token = "customer-token-of-session-11";

  void execute(service::PendingChatCall call) override {
    std::visit(
        [this](auto& pending) {
          using Call = std::decay_t<decltype(pending.request)>;
          calls.emplace_back(Call::name);
          if (refuse) return pending.done(service::ChatError{409, "conflict", "refused by the fake"});
          pending.done(typename Call::Result{});
        },
        call);
  }
  void staff_connected(service::Actor) override { ++staff_sockets; }
  void staff_disconnected(service::Actor) override { --staff_sockets; }
  void customer_connected(std::int64_t) override { ++customer_sockets; }
  void customer_disconnected(std::int64_t) override { --customer_sockets; }
  void tick() override {}
  std::optional<service::Actor> verify_customer(std::string_view token) const override {
    if (token != customer_token) return std::nullopt;
    return service::Actor::customer(7, 11);
  }

  bool refuse = false;
  std::vector<std::string> calls;
  int staff_sockets = 0;
  int customer_sockets = 0;
};

}  // namespace livedesk::fuzz
