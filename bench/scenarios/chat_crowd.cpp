#include "scenarios/chat_crowd.hpp"

#include "async/concurrency.hpp"

namespace livedesk::bench {
using boost::asio::awaitable;

ChatCrowd::ChatCrowd(const std::vector<Staff>& staff, const std::vector<Customer>& chats)
    : agents(staff.size()), customers(chats.size()) {
  for (size_t i = 0; i < agents.size(); ++i) agents[i].s = staff[i];
  for (size_t i = 0; i < customers.size(); ++i) customers[i].c = chats[i];
}

awaitable<void> ChatCrowd::connect_agents(int parallel) {
  co_await connect_many(int(agents.size()), parallel, [&](int i) -> awaitable<void> {
    co_await connect_agent(agents[size_t(i)], stats, agent_authed);
  });
  co_await agent_authed.wait(int64_t(agents.size()), 60000);
}

awaitable<void> ChatCrowd::connect_customers(int parallel, int64_t timeout_ms) {
  co_await connect_many(int(customers.size()), parallel, [&](int i) -> awaitable<void> {
    co_await connect_customer(customers[size_t(i)], stats, authed, active);
  });
  co_await active.wait(int64_t(customers.size()), timeout_ms);
}

int64_t ChatCrowd::agent_sessions() const {
  int64_t sessions = 0;
  for (auto& a : agents) sessions += int64_t(a.sessions.size());
  return sessions;
}

}  // namespace livedesk::bench
