#include "service/chat_call_dispatcher.hpp"

#include <utility>

#include "service/chat_call_codec.hpp"
#include "service/cluster_calls.hpp"
#include "service/local_chat_service.hpp"

namespace livedesk::service {
namespace json = boost::json;

namespace {
json::value refused(const std::string& message) {
  return encode_outcome(Outcome<bool>(ChatError{400, "bad_call", message}));
}
}  // namespace

ChatCallDispatcher::ChatCallDispatcher(LocalChatService& local) : local_(local) {
  ChatCalls::for_each([this]<class Call>(std::type_identity<Call>) {
    calls_[Call::name] = [this](const json::value& request, Reply reply) {
      local_.call(json::value_to<Call>(request), [reply = std::move(reply)](Outcome<typename Call::Result> outcome) {
        reply(encode_outcome(outcome));
      });
    };
  });
  calls_[calls::ReportPresence::name] = [this](const json::value& request, Reply reply) {
    apply_presence(json::value_to<calls::ReportPresence>(request).report);
    reply(encode_outcome(Outcome<bool>(true)));
  };
}

void ChatCallDispatcher::dispatch(std::string_view op, const json::value& request, Reply reply) {
  auto it = calls_.find(op);
  if (it == calls_.end()) return reply(refused("no such call: " + std::string(op)));
  try {
    it->second(request, reply);
  } catch (const std::exception& error) {
    // Only decoding throws here: the call itself answers through `reply`.
    reply(refused("the request of " + std::string(op) + " does not fit: " + error.what()));
  }
}

void ChatCallDispatcher::call(std::string_view op, json::value request,
                              std::function<void(std::optional<json::value>)> reply) {
  dispatch(op, request, [reply = std::move(reply)](json::value answer) { reply(std::move(answer)); });
}

PresenceDelta ChatCallDispatcher::delta() {
  return {[this](const Actor& a) { local_.staff_connected(a); },
          [this](const Actor& a) { local_.staff_disconnected(a); },
          [this](std::int64_t s) { local_.customer_connected(s); },
          [this](std::int64_t s) { local_.customer_disconnected(s); }};
}

void ChatCallDispatcher::apply_presence(const PresenceReport& report) {
  std::lock_guard lock(presence_mutex_);
  presence_.apply(report, delta());
}

void ChatCallDispatcher::reload(const std::function<void()>& load) {
  std::lock_guard lock(presence_mutex_);
  presence_.clear();
  load();
}

void ChatCallDispatcher::forget_node(const std::string& node_id) {
  std::lock_guard lock(presence_mutex_);
  presence_.forget(node_id, delta());
}

}  // namespace livedesk::service
