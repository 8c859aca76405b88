// The event stream and API tokens on two nodes (PostgreSQL + Redis): a token made on one node opens the other,
// and an SSE consumer on a follower gets the leader's events in order, woken by the positions that come through
// Redis (the database poll is set to an hour here, so nothing else could wake it).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "support/cluster_support.hpp"
#include "support/event_stream_support.hpp"
#include "support/http_client.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const StaffUser kAdmin{"root", "admin-password-1", "admin", "Ada Admin"};

TEST(EventStreamCluster, TokenFromOneNodeOpensTheOtherAndAFollowerStreamsTheLeadersEvents) {
  Cluster cluster({.nodes = 2,
                   .users = {kAdmin},
                   .extra_args = {"--api-token-refresh-ms", "200", "--event-stream-poll-ms", "3600000"},
                   .balancer = false});
  const int lead = cluster.leader();
  const int follower = 1 - lead;
  const auto admin = login(cluster.port(lead), kAdmin.username, kAdmin.password);
  const auto made = request(cluster.port(lead), "POST", "/api/v1/admin/api-tokens",
                            R"({"name":"stream","scopes":["events:read"]})", bearer(admin));
  ASSERT_EQ(made.status, 201) << made.describe();
  const std::string token(made.object().at("api_token").at("token").as_string());

  // The follower learns of the token at its next refresh.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int status = 0;
  while (status != 200 && std::chrono::steady_clock::now() < until)
    status = request(cluster.port(follower), "GET", "/api/v1/events?wait=0", "", bearer(token)).status;
  ASSERT_EQ(status, 200);

  SseConsumer consumer(cluster.port(follower), token, "types=message.created");
  ASSERT_EQ(consumer.status(), 200);
  const auto started = request(cluster.port(lead), "POST", "/api/v1/chat/sessions",
                               R"({"name":"Carla","email":"carla@example.com","subject":"help"})");
  ASSERT_EQ(started.status, 201) << started.describe();
  const auto session = started.object().at("session_id").as_int64();
  const std::string customer(started.object().at("customer_token").as_string());
  constexpr int kMessages = 30;
  for (int n = 1; n <= kMessages; ++n) {
    const auto sent =
        request(cluster.port(lead), "POST", "/api/v1/chat/sessions/" + std::to_string(session) + "/messages",
                json::serialize(json::object{{"body", "message " + std::to_string(n)}}), bearer(customer));
    ASSERT_EQ(sent.status, 201) << sent.describe();
  }
  std::int64_t previous = 0;
  int n = 0;
  for (const auto& event : consumer.read_events(kMessages)) {
    EXPECT_GT(event.id, previous);
    previous = event.id;
    EXPECT_EQ(json::parse(event.data).at("data").at("message").at("body").as_string(), "message " + std::to_string(++n));
  }
}

}  // namespace
}  // namespace livedesk::it
