// The engine's metrics: committed messages by sender, the queue's depth and
// longest wait, zeroed when the engine is retired.
#include <gtest/gtest.h>

#include <future>
#include <map>

#include "bus/event_bus.hpp"
#include "service/local_chat_service.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support/temp_directory.hpp"
#include "support/metrics/server_metrics.hpp"

namespace livedesk::service {
namespace {

template <class Call>
typename Call::Result get(ChatService& chat, Call request) {
  std::promise<Outcome<typename Call::Result>> promise;
  chat.call(std::move(request), [&](Outcome<typename Call::Result> outcome) { promise.set_value(std::move(outcome)); });
  auto outcome = promise.get_future().get();
  if (auto* error = std::get_if<ChatError>(&outcome)) throw std::runtime_error(error->code + ": " + error->message);
  return std::get<typename Call::Result>(std::move(outcome));
}

double longest_wait(const support::ServerMetrics& metrics) {
  for (const auto& family : const_cast<support::ServerMetrics&>(metrics).registry().collect())
    if (family.name == "livedesk_chat_queue_longest_wait_seconds") return family.samples.at(0).value;
  throw std::runtime_error("no longest wait");
}

class LocalChatServiceMetricsTest : public ::testing::Test {
 protected:
  LocalChatServiceMetricsTest()
      : tokens_("metrics-test-secret-0123456789abcdef012", clock_, std::chrono::hours(1), std::chrono::hours(1)),
        executor_(store::open_sqlite_store(dir_.path() / "livedesk.db")),
        bus_(fanout_),
        local_(executor_, tokens_, clock_, calendar_, bus_, ChatSettings{}) {
    local_.metrics = &metrics_;
    std::promise<std::int64_t> agent;
    executor_.post([&](store::Store& s) {
      agent.set_value(s.accounts().create({"ann", "Ann", domain::Role::agent, "h", 0}));
      local_.load(s);
    });
    agent_ = Actor::staff(agent.get_future().get(), domain::Role::agent, "ann");
  }
  ~LocalChatServiceMetricsTest() override {
    executor_.stop();
    fanout_.stop();
  }

  store::test_support::TempDirectory dir_;
  domain::SystemClock clock_;
  domain::Calendar calendar_;
  auth::TokenService tokens_;
  support::ServerMetrics metrics_;
  store::StoreExecutor executor_;
  support::WorkerThread fanout_{"fanout"};
  bus::InProcessBus bus_;
  LocalChatService local_;
  Actor agent_;
};

TEST_F(LocalChatServiceMetricsTest, CountsCommittedMessagesBySenderOnceEach) {
  auto started = get(local_, calls::StartChat{"Carla", "carla@example.com", "billing", std::string("hello?")});
  const auto sid = started.started.session.id;
  get(local_, calls::ListWaiting{});  // StartChat answers before its message's hook runs: one batch later it has
  EXPECT_EQ(metrics_.message_stored("customer").units(), 1u);
  EXPECT_EQ(metrics_.chat_queue_depth.value(), 1);
  EXPECT_GE(longest_wait(metrics_), 0);
  EXPECT_GT(metrics_.chat_queue_oldest_since_ms.load(), 0);

  get(local_, calls::Take{agent_, sid});
  EXPECT_EQ(metrics_.chat_queue_depth.value(), 0);
  EXPECT_EQ(metrics_.chat_queue_oldest_since_ms.load(), 0);
  EXPECT_EQ(longest_wait(metrics_), 0);

  NewMessage reply;
  reply.body = "hi";
  reply.client_msg_id = "a-1";
  EXPECT_FALSE(get(local_, calls::SendMessage{agent_, sid, reply}).duplicate);
  EXPECT_TRUE(get(local_, calls::SendMessage{agent_, sid, reply}).duplicate);  // answered from the store: not counted
  EXPECT_EQ(metrics_.message_stored("agent").units(), 1u);
  EXPECT_EQ(metrics_.message_stored("customer").units(), 1u);

  get(local_, calls::Close{agent_, sid});
  get(local_, calls::ListWaiting{});  // one more batch: every hook of the close has run
  // Every message the store holds was counted once, under its sender.
  std::promise<std::map<std::string, std::uint64_t>> stored;
  executor_.post([&](store::Store& s) {
    std::map<std::string, std::uint64_t> by_sender;
    for (const auto& m : s.messages().after(sid, 0, 1000)) ++by_sender[m.sender_type];
    stored.set_value(by_sender);
  });
  const auto by_sender = stored.get_future().get();
  for (const char* sender : {"customer", "agent", "system"}) {
    const auto it = by_sender.find(sender);
    EXPECT_EQ(metrics_.message_stored(sender).units(), it == by_sender.end() ? 0u : it->second) << sender;
  }
}

TEST_F(LocalChatServiceMetricsTest, RetiringTheEngineZeroesTheQueueGauges) {
  get(local_, calls::StartChat{"Dan", "dan@example.com", "", std::nullopt});
  EXPECT_EQ(metrics_.chat_queue_depth.value(), 1);
  std::promise<void> retired;
  executor_.post([&](store::Store&) {
    local_.retire();
    retired.set_value();
  });
  retired.get_future().get();
  EXPECT_EQ(metrics_.chat_queue_depth.value(), 0);
  EXPECT_EQ(metrics_.chat_queue_oldest_since_ms.load(), 0);
}

}  // namespace
}  // namespace livedesk::service
