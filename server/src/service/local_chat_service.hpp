#pragma once
// The chat use cases decided in this process: every call is queued on the
// store executor, where ChatEngine decides, and `done` is called on the store
// thread once the outcome is durable (reads: at once). The only implementation
// on one node, and the leader's on several (service/chat_call_dispatcher.hpp).
//
// On several nodes the engine exists only while this node leads: load()
// builds it afresh from the database after each election, retire() drops it
// when the lead is lost, and a call meanwhile is answered 503 not_leader
// without touching the store.
//
// Thread-safety: every method from any thread, except load() and retire()
// (store thread). The executor, tokens, clock, calendar and bus must outlive
// this object.
#include <atomic>
#include <optional>

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

  // Builds the engine from the open sessions, replacing any earlier one; on the
  // store thread, before serving (and again after each election).
  void load(store::Store& store);
  // Drops the engine (the lead was lost); on the store thread.
  void retire();

  // Set before serving, on several nodes: runs (on the store thread) when a
  // job of the engine failed or its batch did not commit. The engine may then
  // be ahead of the database (a seq given to a message that was never stored),
  // so it is dropped at once, before the next job, and the node must give up
  // the lead for a fresh load. Unset (one node), the engine carries on.
  std::function<void(const std::string& why)> on_engine_lost;
  // Set before serving (optional): each engine loaded counts committed messages
  // and sets the queue's gauges here; retire() zeroes the gauges. Must outlive this.
  support::ServerMetrics* metrics = nullptr;

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
  // Posts `work(engine, ...)` to the store thread; skipped while no engine is
  // loaded, and for a socket change (`this_engine_only`) also when the engine
  // it was meant for has been replaced since (its successor is told afresh).
  template <class Work>
  void with_engine(Work work, bool this_engine_only = true);
  // Registers the after-commit check described at on_engine_lost.
  void watch_commit(store::CommitHooks& h);

  store::StoreExecutor& store_;
  const auth::TokenService& tokens_;
  const domain::Clock& clock_;
  const domain::Calendar& calendar_;
  bus::EventBus& bus_;
  const ChatSettings settings_;
  std::optional<ChatEngine> engine_;  // touched on the store thread only
  std::atomic<std::uint64_t> generation_{0};  // one more at each load()
};

}  // namespace livedesk::service
