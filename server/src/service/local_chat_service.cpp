#include "service/local_chat_service.hpp"

#include <atomic>
#include <memory>

#include "service/customer_token.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {
namespace {
ChatError not_leader() { return {503, "not_leader", "this node does not lead the cluster now; try again shortly"}; }

// A call whose job never ran: its transaction could not begin.
ChatError unrun_error(const std::exception& why) {
  if (dynamic_cast<const store::FencedError*>(&why)) return not_leader();
  return {503, "store_unavailable", std::string("the database cannot be reached: ") + why.what()};
}
}  // namespace

LocalChatService::LocalChatService(store::StoreExecutor& store, const auth::TokenService& tokens,
                                   const domain::Clock& clock, const domain::Calendar& calendar, bus::EventBus& bus,
                                   ChatSettings settings)
    : store_(store), tokens_(tokens), clock_(clock), calendar_(calendar), bus_(bus), settings_(settings) {}

void LocalChatService::load(store::Store& store) {
  ++generation_;
  engine_.emplace(clock_, calendar_, bus_, tokens_, settings_);
  engine_->report_to(metrics);
  try {
    engine_->load(store);
  } catch (...) {
    engine_.reset();
    throw;
  }
}

void LocalChatService::retire() {
  engine_.reset();
  if (metrics) {
    metrics->chat_queue_depth.set(0);
    metrics->chat_queue_oldest_since_ms.store(0, std::memory_order_relaxed);
  }
}

void LocalChatService::execute(PendingChatCall call) {
  std::visit([this](auto& pending) { run(std::move(pending)); }, call);
}

template <class Call>
void LocalChatService::run(PendingCall<Call> pending) {
  using Result = typename Call::Result;
  // A job that fails after registering its hooks would answer twice (its own
  // error, then the failed commit); the first answer wins.
  auto answered = std::make_shared<std::atomic<bool>>(false);
  Done<Result> done = [answered, callback = std::move(pending.done)](Outcome<Result> outcome) {
    if (!answered->exchange(true)) callback(std::move(outcome));
  };
  const bool queued = store_.post_write(
      [this, done, request = std::move(pending.request)](store::Store& s, store::CommitHooks& h) {
        if (!engine_) return done(not_leader());
        watch_commit(h);
        try {
          engine_->handle(s, h, request, done);
        } catch (const std::exception& error) {
          done(ChatError{503, "store_error", std::string("the database failed: ") + error.what()});
          throw;  // roll this job back
        }
      },
      [done](const std::exception& why) { done(unrun_error(why)); });
  if (!queued) done(ChatError{503, "unavailable", "the server is shutting down"});
}

template <class Work>
void LocalChatService::with_engine(Work work, bool this_engine_only) {
  const std::uint64_t generation = generation_.load();
  store_.post_write([this, work = std::move(work), generation, this_engine_only](store::Store& s, store::CommitHooks& h) {
    // Generation 0: posted before the first load, which runs first (queue order).
    const bool meant_for_this = !this_engine_only || generation == 0 || generation == generation_.load();
    if (!engine_ || !meant_for_this) return;
    watch_commit(h);
    work(*engine_, s, h);
  });
}

void LocalChatService::watch_commit(store::CommitHooks& h) {
  if (!on_engine_lost) return;
  const std::uint64_t generation = generation_.load();
  h.after_commit([this, generation](bool committed) {
    if (committed || !engine_ || generation != generation_.load()) return;
    engine_.reset();
    ++generation_;
    on_engine_lost("a write of the chat engine did not commit; its state may be ahead of the database");
  });
}

void LocalChatService::staff_connected(Actor staff) {
  with_engine([=](ChatEngine& e, store::Store& s, store::CommitHooks& h) { e.staff_connected(s, h, staff); });
}

void LocalChatService::staff_disconnected(Actor staff) {
  with_engine([=](ChatEngine& e, store::Store&, store::CommitHooks&) { e.staff_disconnected(staff); });
}

void LocalChatService::customer_connected(std::int64_t session_id) {
  with_engine([=](ChatEngine& e, store::Store&, store::CommitHooks&) { e.customer_connected(session_id); });
}

void LocalChatService::customer_disconnected(std::int64_t session_id) {
  with_engine([=](ChatEngine& e, store::Store&, store::CommitHooks&) { e.customer_disconnected(session_id); });
}

void LocalChatService::tick() {
  with_engine([](ChatEngine& e, store::Store& s, store::CommitHooks& h) { e.tick(s, h); }, false);
}

std::optional<Actor> LocalChatService::verify_customer(std::string_view token) const {
  return customer_from_token(tokens_, token);
}

}  // namespace livedesk::service
