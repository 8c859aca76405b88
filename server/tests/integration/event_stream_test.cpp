// The event stream against the real binary: long-poll pages, waits and wake-ups, types filters, SSE with
// Last-Event-ID resumption (no gap, no duplicate) while events keep coming, heartbeats, a consumer that never
// reads cut off with the server's memory flat, and 410 once positions are pruned. The events are written into
// the server's SQLite log from here (support/event_stream_support), as the engine's commits would.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <iostream>
#include <set>
#include <string>
#include <thread>

#include "support/event_stream_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const StaffUser kAdmin{"root", "admin-password-1", "admin", "Ada Admin"};
const StaffUser kSupervisor{"sue", "supervisor-password-1", "supervisor", "Sue Super"};
const StaffUser kAgent{"andy", "agent-password-1", "agent", "Andy Agent"};

class EventStream : public ::testing::Test {
 protected:
  void start(std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--event-stream-poll-ms", "50"});
    server_ = std::make_unique<ServerProcess>(ServerOptions{.users = {kAdmin, kSupervisor, kAgent}, .args = args});
    token_ = login(port(), kSupervisor.username, kSupervisor.password);
  }
  unsigned short port() const { return server_->port(); }
  std::int64_t append(int count, const std::string& type = "message.created", std::size_t bytes = 16) {
    return append_events(server_->database_path(), count, type, bytes);
  }
  json::object poll(const std::string& query) {
    const auto result = request(port(), "GET", "/api/v1/events?" + query, "", bearer(token_));
    EXPECT_TRUE(HasStatus(result, 200)) << result.describe();
    return result.object();
  }

  std::unique_ptr<ServerProcess> server_;
  std::string token_;
};

std::vector<std::int64_t> positions(const json::object& page) {
  std::vector<std::int64_t> out;
  for (const auto& event : page.at("events").as_array()) out.push_back(event.at("position").as_int64());
  return out;
}

TEST_F(EventStream, LongPollAnswersAtOnceOldestFirstInPages) {
  start();
  append(5);
  const auto page = poll("after=0&wait=0");
  EXPECT_EQ(positions(page), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(page.at("next_after"), 5);
  EXPECT_EQ(page.at("first_position"), 1);
  EXPECT_EQ(page.at("last_position"), 5);
  const auto& first = page.at("events").at(0).as_object();
  EXPECT_EQ(first.at("type"), "message.created");
  EXPECT_TRUE(first.at("id").is_string());
  EXPECT_TRUE(first.at("time").as_string().ends_with("Z"));
  EXPECT_GT(first.at("data").at("n").as_int64(), 0);

  const auto two = poll("after=1&limit=2");
  EXPECT_EQ(positions(two), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(two.at("next_after"), 3);
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/events?limit=1001", "", bearer(token_)), 400, "invalid_query"));
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/events?wait=61", "", bearer(token_)), 400, "invalid_query"));
}

TEST_F(EventStream, TypesFilterTakesNamesAndPrefixesAndSkipsTheRest) {
  start();
  append(2, "session.created");
  append(2, "message.created");
  append(1, "message.deleted");
  append(1, "note.created");
  EXPECT_EQ(positions(poll("types=message.*&wait=0")), (std::vector<std::int64_t>{3, 4, 5}));
  EXPECT_EQ(positions(poll("types=note.created,session.*&wait=0")), (std::vector<std::int64_t>{1, 2, 6}));
  const auto none = poll("types=agent.status_changed&wait=0");
  EXPECT_TRUE(none.at("events").as_array().empty());
  EXPECT_EQ(none.at("next_after"), 6);  // read past, so the consumer does not read them again
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/events?types=a*b", "", bearer(token_)), 400, "invalid_query"));
}

TEST_F(EventStream, LongPollWaitsAndWakesOnANewEvent) {
  start();
  append(3);
  auto waiting = std::async(std::launch::async, [this] { return poll("after=3&wait=60"); });
  // Whether the request is already waiting or not, the answer must be the new event and nothing else.
  append(1);
  const auto page = waiting.get();
  EXPECT_EQ(positions(page), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(page.at("next_after"), 4);

  const auto quiet = poll("after=4&wait=1");  // nothing comes: an empty page once the wait is over
  EXPECT_TRUE(quiet.at("events").as_array().empty());
  EXPECT_EQ(quiet.at("next_after"), 4);
  EXPECT_EQ(quiet.at("last_position"), 4);
}

TEST_F(EventStream, OnlySupervisorsAdminsAndEventsReadTokensMayRead) {
  start();
  const auto agent = login(port(), kAgent.username, kAgent.password);
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/events?wait=0", "", bearer(agent)), 403, "forbidden"));
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/events?wait=0"), 401, "unauthorized"));
  const auto admin = login(port(), kAdmin.username, kAdmin.password);
  const auto made = request(port(), "POST", "/api/v1/admin/api-tokens",
                            R"({"name":"reader","scopes":["conversations:read"]})", bearer(admin));
  const std::string other(made.object().at("api_token").at("token").as_string());
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/events?wait=0", "", bearer(other)), 403, "insufficient_scope"));
  SseConsumer refused(port(), other);
  EXPECT_EQ(refused.status(), 403);
}

TEST_F(EventStream, SseConsumerKilledAndResumedGetsExactlyTheRest) {
  start();
  constexpr int kTotal = 600;
  append(50);
  std::atomic<bool> writing{true};
  std::thread writer([&] {  // events keep coming while the consumer reads, leaves and comes back
    for (int written = 50; written < kTotal; written += 10) append(10);
    writing = false;
  });
  std::vector<std::int64_t> seen;
  std::string resume_from;
  {
    SseConsumer first(port(), token_, "after=0");
    ASSERT_EQ(first.status(), 200);
    for (const auto& event : first.read_events(200)) {
      seen.push_back(event.id);
      EXPECT_EQ(event.event, "message.created");
      EXPECT_EQ(json::parse(event.data).at("position").as_int64(), event.id);
    }
    EXPECT_EQ(first.retry_ms(), 3000);
    resume_from = std::to_string(seen.back());
  }                                                            // the socket closes here, in the middle of the stream
  SseConsumer second(port(), token_, "after=0", resume_from);  // Last-Event-ID wins over after
  ASSERT_EQ(second.status(), 200);
  for (const auto& event : second.read_events(kTotal - seen.size())) seen.push_back(event.id);
  writer.join();
  ASSERT_EQ(seen.size(), std::size_t(kTotal));
  for (int i = 0; i < kTotal; ++i) ASSERT_EQ(seen[std::size_t(i)], i + 1) << "at index " << i;
}

TEST_F(EventStream, HeartbeatKeepsAnIdleStreamAlive) {
  start({"--event-stream-heartbeat-ms", "100"});
  SseConsumer idle(port(), token_);
  ASSERT_EQ(idle.status(), 200);
  EXPECT_EQ(idle.read_comment(), ": heartbeat");
  append(1);
  EXPECT_EQ(idle.read_events(1).at(0).id, 1);
}

TEST_F(EventStream, ConsumersThatNeverReadAreCutOffAndMemoryStaysFlat) {
  start({"--event-stream-send-timeout-ms", "500", "--event-stream-heartbeat-ms", "500"});
  append(20'000, "message.created", 1000);  // about 21 MB of events
  SseConsumer warm(port(), token_);         // one full read first, so the page buffers' first growth is not counted
  ASSERT_EQ(warm.status(), 200);
  warm.read_events(20'000, std::chrono::seconds(120));
  warm.close();
  const long before = resident_kib(server_->pid());
  std::vector<std::unique_ptr<SseConsumer>> stalled;
  for (int i = 0; i < 8; ++i) {
    stalled.push_back(std::make_unique<SseConsumer>(port(), token_, "", "", 16 * 1024));
  }
  // Each is cut off once a send stays incomplete for the send timeout; the server logs the request then.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::size_t ended = 0;
  while (ended < stalled.size() + 1 && std::chrono::steady_clock::now() < until) {
    ended = 0;
    for (const auto& line : server_->log_messages("request"))
      if (line.at("path") == "/api/v1/events") ++ended;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling the log, with a deadline
  }
  ASSERT_EQ(ended, stalled.size() + 1) << server_->logs().substr(0, 4000);
  const long after = resident_kib(server_->pid());
  std::cout << "[ RSS      ] before the stalled consumers " << before << " KiB, after they were cut off " << after
            << " KiB\n";
  // 8 consumers were owed 170 MB; what the server held for them is its pages and socket buffers.
  EXPECT_LT(after - before, 20 * 1024) << "RSS before " << before << " KiB, after " << after << " KiB";
  // The server still serves.
  EXPECT_EQ(poll("after=19999&wait=0").at("next_after"), 20'000);
}

TEST_F(EventStream, PrunedPositionsAnswer410AndTheOldestHeldStillWorks) {
  start();
  append(10);
  prune_events(server_->database_path(), 5);
  EXPECT_TRUE(
      IsError(request(port(), "GET", "/api/v1/events?after=3&wait=0", "", bearer(token_)), 410, "position_pruned"));
  const auto page = poll("after=5&wait=0");
  EXPECT_EQ(page.at("first_position"), 6);
  EXPECT_EQ(positions(poll("wait=0")).front(), 6);  // no `after`: from the oldest held, never 410
  EXPECT_EQ(positions(page).front(), 6);
  SseConsumer late(port(), token_, "", "2");
  EXPECT_EQ(late.status(), 410);
}

// Real chat traffic: a started chat and its messages are logged by the engine and reach the stream.
struct Chat {
  std::int64_t id = 0;
  std::string customer_token;
};
Chat start_chat(unsigned short port) {
  const auto started = request(port, "POST", "/api/v1/chat/sessions",
                               R"({"name":"Carla","email":"carla@example.com","subject":"help"})");
  if (started.status != 201) throw std::runtime_error("start chat: " + started.describe());
  return {started.object().at("session_id").as_int64(), std::string(started.object().at("customer_token").as_string())};
}
void send_message(unsigned short port, const Chat& chat, int n) {
  const auto sent = request(port, "POST", "/api/v1/chat/sessions/" + std::to_string(chat.id) + "/messages",
                            json::serialize(json::object{{"body", "message " + std::to_string(n)},
                                                         {"client_msg_id", "m" + std::to_string(n)}}),
                            bearer(chat.customer_token));
  if (sent.status != 201) throw std::runtime_error("send: " + sent.describe());
}

TEST_F(EventStream, LongPollWakesOnANewChatMessage) {
  start();
  const Chat chat = start_chat(port());
  const auto head = poll("types=message.*&wait=0");  // whatever starting the chat logged, read past it
  const auto after = head.at("next_after").as_int64();
  auto waiting = std::async(std::launch::async,
                            [&] { return poll("after=" + std::to_string(after) + "&types=message.*&wait=60"); });
  send_message(port(), chat, 1);
  const auto page = waiting.get();
  ASSERT_EQ(page.at("events").as_array().size(), 1u) << json::serialize(page);
  const auto& event = page.at("events").at(0);
  EXPECT_EQ(event.at("type"), "message.created");
  EXPECT_EQ(event.at("data").at("message").at("body"), "message 1");
  EXPECT_EQ(event.at("data").at("message").at("session_id"), chat.id);
}

TEST_F(EventStream, SseResumeOverChatTrafficHasNoGapAndNoDuplicate) {
  start();
  constexpr int kMessages = 120;
  const Chat chat = start_chat(port());
  std::thread sender([&] {  // messages keep coming while the consumer reads, leaves and comes back
    for (int n = 1; n <= kMessages; ++n) send_message(port(), chat, n);
  });
  std::vector<std::string> bodies;
  std::set<std::int64_t> ids;
  auto take = [&](const std::vector<SseEvent>& events) {
    for (const auto& event : events) {
      EXPECT_TRUE(ids.insert(event.id).second) << "duplicate position " << event.id;
      bodies.emplace_back(json::parse(event.data).at("data").at("message").at("body").as_string());
    }
  };
  std::string resume_from;
  {
    SseConsumer first(port(), token_, "types=message.created");
    ASSERT_EQ(first.status(), 200);
    const auto events = first.read_events(40);
    take(events);
    resume_from = std::to_string(events.back().id);
  }
  SseConsumer second(port(), token_, "types=message.created", resume_from);
  ASSERT_EQ(second.status(), 200);
  take(second.read_events(kMessages - bodies.size(), std::chrono::seconds(60)));
  sender.join();
  ASSERT_EQ(bodies.size(), std::size_t(kMessages));
  for (int n = 1; n <= kMessages; ++n) EXPECT_EQ(bodies[std::size_t(n - 1)], "message " + std::to_string(n));
}

}  // namespace
}  // namespace livedesk::it
