#include "service/forwarding_chat_service.hpp"

#include "auth/token_service.hpp"
#include "service/chat_call_codec.hpp"
#include "service/cluster_calls.hpp"
#include "service/customer_token.hpp"

namespace livedesk::service {
namespace json = boost::json;

namespace {
ChatError leader_unreachable() { return {503, "unavailable", "no leader node can be reached; try again shortly"}; }
}  // namespace

ForwardingChatService::ForwardingChatService(LeaderLink& leader, const auth::TokenService& tokens, std::string node_id)
    : leader_(leader), tokens_(tokens), node_id_(std::move(node_id)) {}

template <class Call>
void ForwardingChatService::forward(const Call& request, Done<typename Call::Result> done) {
  using Result = typename Call::Result;
  leader_.call(Call::name, json::value_from(request), [done = std::move(done)](std::optional<json::value> reply) {
    if (!reply) return done(leader_unreachable());
    Outcome<Result> outcome = leader_unreachable();
    try {
      outcome = decode_outcome<Result>(*reply);
    } catch (const std::exception&) {
      return done(leader_unreachable());
    }
    done(std::move(outcome));
  });
}

void ForwardingChatService::execute(PendingChatCall call) {
  std::visit([this](auto& pending) { forward(pending.request, std::move(pending.done)); }, call);
}

std::optional<Actor> ForwardingChatService::verify_customer(std::string_view token) const {
  return customer_from_token(tokens_, token);
}

void ForwardingChatService::staff_connected(Actor staff) {
  {
    std::lock_guard lock(presence_mutex_);
    auto& [actor, count] = staff_.try_emplace(staff.id, staff, 0).first->second;
    actor = staff;
    ++count;
  }
  report(staff.id, std::nullopt);
}

void ForwardingChatService::staff_disconnected(Actor staff) {
  {
    std::lock_guard lock(presence_mutex_);
    auto it = staff_.find(staff.id);
    if (it == staff_.end()) return;
    --it->second.second;
  }
  report(staff.id, std::nullopt);
}

void ForwardingChatService::customer_connected(std::int64_t session_id) {
  {
    std::lock_guard lock(presence_mutex_);
    ++customers_[session_id];
  }
  report(std::nullopt, session_id);
}

void ForwardingChatService::customer_disconnected(std::int64_t session_id) {
  {
    std::lock_guard lock(presence_mutex_);
    auto it = customers_.find(session_id);
    if (it == customers_.end()) return;
    --it->second;
  }
  report(std::nullopt, session_id);
}

void ForwardingChatService::resend_presence() { report(std::nullopt, std::nullopt); }

void ForwardingChatService::report(std::optional<std::int64_t> staff_id, std::optional<std::int64_t> session_id) {
  const bool complete = !staff_id && !session_id;
  std::int64_t version = 0;
  std::vector<std::pair<Actor, int>> staff;
  std::vector<std::pair<std::int64_t, int>> customers;
  {
    std::lock_guard lock(presence_mutex_);
    version = ++presence_version_;
    for (auto it = staff_.begin(); it != staff_.end();) {
      if (complete || it->first == staff_id) staff.push_back(it->second);
      // A count that reached zero has been reported as zero; forget it.
      it = it->second.second <= 0 && (complete || it->first == staff_id) ? staff_.erase(it) : std::next(it);
    }
    for (auto it = customers_.begin(); it != customers_.end();) {
      if (complete || it->first == session_id) customers.emplace_back(it->first, it->second);
      it = it->second <= 0 && (complete || it->first == session_id) ? customers_.erase(it) : std::next(it);
    }
  }
  forward(calls::ReportPresence{{node_id_, version, std::move(staff), std::move(customers), complete}},
          [](Outcome<bool>) {});
}

}  // namespace livedesk::service
