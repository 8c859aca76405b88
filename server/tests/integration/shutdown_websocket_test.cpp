// Graceful shutdown with live WebSockets: each is closed with 1001 (going
// away), acknowledged messages stay, and the process exits 0.
#include <gtest/gtest.h>

#include <csignal>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace {

const StaffUser kAgent{"ann", "ann-password-123", "agent", "Ann Agent"};

TEST(ShutdownWebSockets, EverySocketGetsGoingAwayAndAckedMessagesStay) {
  ServerOptions options;
  options.users = {kAgent};
  auto server = std::make_unique<ServerProcess>(options);
  const auto staff = login_staff(server->port(), kAgent.username, kAgent.password);
  auto agent = open_agent(server->port(), staff.token);
  const auto chat = start_chat(server->port(), "Pia", "pia@example.com");
  auto customer = open_customer(server->port(), chat.token);
  for (int i = 0; i < 20; ++i)
    ASSERT_TRUE(HasStatus(post_message(server->port(), chat.token, chat.session_id, "hello " + std::to_string(i)), 201));

  EXPECT_EQ(server->stop(SIGTERM), 0);
  EXPECT_EQ(agent->expect_closed(), 1001);
  EXPECT_EQ(customer->expect_closed(), 1001);

  ServerOptions again;
  again.data_dir = server->data_dir();
  ServerProcess restarted(again);
  const auto messages = fetch_messages(restarted.port(), chat.token, chat.session_id);
  int customer_messages = 0;
  for (const auto& m : messages) customer_messages += str_at(m, {"sender_type"}) == "customer";
  EXPECT_EQ(customer_messages, 20);
}

}  // namespace
}  // namespace livedesk::it
