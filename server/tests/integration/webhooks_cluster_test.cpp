// Webhooks in a cluster (docs/integrations.md, "Where deliveries run"): only the leader delivers, and when it is
// SIGKILLed mid-delivery the next leader resumes from the same cursor, losing nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <csignal>
#include <set>
#include <string>

#include "support/cluster_support.hpp"
#include "support/http_client.hpp"
#include "support/tools_support.hpp"
#include "support/webhook_receiver.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;
using tools::call;
using tools::expect;
using tools::kAda;

TEST(WebhooksCluster, TheLeaderDeliversAndItsSuccessorResumesAfterASigkill) {
  ReceiverBehaviour flaky;
  flaky.fail = 0.2;
  flaky.slow = 0.2;
  WebhookReceiver receiver(flaky, 7);
  Cluster cluster({.nodes = 2,
                   .users = {kAda},
                   .extra_args = {"--webhook-allow", "127.0.0.1", "--webhook-retry-initial-ms", "50",
                                  "--webhook-retry-max-ms", "300", "--webhook-poll-ms", "50"},
                   .balancer = false});
  const int lead = cluster.leader();
  const int other = (lead + 1) % 2;
  // Registered through the follower: any node serves the admin routes.
  const auto admin = login(cluster.port(other), kAda.username, kAda.password);
  expect(call(cluster.port(other), "POST", "/api/v1/admin/webhooks", admin,
              json::object{{"url", receiver.url()}, {"event_types", json::array{"message.created"}}}),
         201, "create webhook");
  const auto chat = expect(call(cluster.port(other), "POST", "/api/v1/chat/sessions", "",
                                json::object{{"name", "Cleo"}, {"email", "cleo@example.com"}}),
                           201, "start chat");
  const auto sid = std::to_string(chat.at("session_id").as_int64());
  const std::string token(chat.at("customer_token").as_string());
  std::set<std::string> sent;
  const auto send = [&](int node, int n) {
    const std::string text = "cluster message " + std::to_string(n);
    for (int attempt = 0; attempt < 200; ++attempt) {  // a 503 while the cluster elects is answered again
      const auto result =
          try_request(cluster.port(node), "POST", "/api/v1/chat/sessions/" + sid + "/messages",
                      json::serialize(json::object{{"body", text}, {"client_msg_id", text}}), bearer(token));
      if (result.error.empty() && (result.status == 201 || result.status == 200)) return sent.insert(text);
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "not stored: " << text;
    return sent.insert(text);
  };
  const auto delivered_texts = [&] {
    std::set<std::string> texts;
    for (const auto& hook : receiver.received()) {
      if (hook.answer != "ok" && hook.answer != "slow") continue;
      const auto body = json::parse(hook.body);
      texts.insert(std::string(body.at("data").at("message").at("body").as_string()));
    }
    return texts;
  };
  for (int n = 0; n < 30; ++n) send(other, n);
  ASSERT_TRUE(receiver.wait_until([&](const auto&) { return delivered_texts().size() >= 10; }, 30s));
  cluster.node(lead).stop(SIGKILL);
  for (int n = 30; n < 60; ++n) send(other, n);
  ASSERT_TRUE(receiver.wait_until([&](const auto&) { return delivered_texts() == sent; }, 45s))
      << delivered_texts().size() << " of " << sent.size() << " delivered\n"
      << cluster.logs().substr(0, 20000);
  std::int64_t delivered_up_to = 0;
  for (const auto& hook : receiver.received()) {
    EXPECT_GE(hook.position, delivered_up_to);  // never behind what was answered 2xx, across the failover
    if (hook.answer == "ok" || hook.answer == "slow") delivered_up_to = std::max(delivered_up_to, hook.position);
  }
}

}  // namespace
}  // namespace livedesk::it
