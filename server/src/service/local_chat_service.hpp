#pragma once
// The chat use cases decided in this process: every call is queued on the
// store executor, where ChatEngine decides, and `done` is called on the store
// thread once the outcome is durable (reads: at once). The only implementation
// on one node, and the leader's on several (service/chat_call_dispatcher.hpp).
//
// Thread-safety: every method from any thread. The executor, tokens, clock,
// calendar and bus must outlive this object.
#include "service/chat_engine.hpp"
#include "service/chat_service.hpp"

namespace livedesk::auth {
class TokenService;
}
namespace livedesk::store {
class StoreExecutor;
}

namespace livedesk::service {

// ChatService over the in-process ChatEngine; see the file comment.
class LocalChatService final : public ChatService {
 public:
  LocalChatService(store::StoreExecutor& store, const auth::TokenService& tokens, const domain::Clock& clock,
                   const domain::Calendar& calendar, bus::EventBus& bus, ChatSettings settings);

  // Loads open sessions; call once (on the store thread) before serving.
  void load(store::Store& store);

  void execute(PendingChatCall call) override;

  void staff_connected(Actor staff) override;
  void staff_disconnected(Actor staff) override;
  void customer_connected(std::int64_t session_id) override;
  void customer_disconnected(std::int64_t session_id) override;
  void tick() override;
  std::optional<Actor> verify_customer(std::string_view token) const override;

 private:
  template <class Call>
  void run(PendingCall<Call> pending);

  store::StoreExecutor& store_;
  const auth::TokenService& tokens_;
  ChatEngine engine_;
};

}  // namespace livedesk::service
