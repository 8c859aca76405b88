#include "service/local_chat_service.hpp"

#include <atomic>
#include <memory>

#include "service/customer_token.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {

LocalChatService::LocalChatService(store::StoreExecutor& store, const auth::TokenService& tokens,
                                   const domain::Clock& clock, const domain::Calendar& calendar, bus::EventBus& bus,
                                   ChatSettings settings)
    : store_(store), tokens_(tokens), engine_(clock, calendar, bus, tokens, settings) {}

void LocalChatService::load(store::Store& store) { engine_.load(store); }

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
  const bool queued =
      store_.post_write([this, done, request = std::move(pending.request)](store::Store& s, store::CommitHooks& h) {
        try {
          engine_.handle(s, h, request, done);
        } catch (const std::exception& error) {
          done(ChatError{503, "store_error", std::string("the database failed: ") + error.what()});
          throw;  // roll this job back
        }
      });
  if (!queued) done(ChatError{503, "unavailable", "the server is shutting down"});
}

void LocalChatService::staff_connected(Actor staff) {
  store_.post_write([=, this](store::Store& s, store::CommitHooks& h) { engine_.staff_connected(s, h, staff); });
}

void LocalChatService::staff_disconnected(Actor staff) {
  store_.post_write([=, this](store::Store&, store::CommitHooks&) { engine_.staff_disconnected(staff); });
}

void LocalChatService::customer_connected(std::int64_t session_id) {
  store_.post_write([=, this](store::Store&, store::CommitHooks&) { engine_.customer_connected(session_id); });
}

void LocalChatService::customer_disconnected(std::int64_t session_id) {
  store_.post_write([=, this](store::Store&, store::CommitHooks&) { engine_.customer_disconnected(session_id); });
}

void LocalChatService::tick() {
  store_.post_write([this](store::Store& s, store::CommitHooks& h) { engine_.tick(s, h); });
}

std::optional<Actor> LocalChatService::verify_customer(std::string_view token) const {
  return customer_from_token(tokens_, token);
}

}  // namespace livedesk::service
