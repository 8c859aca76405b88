// Every forwarded call survives the trip to the leader and back: a
// ForwardingChatService whose link serializes each call to text and parses it
// again (as the network would) drives a real LocalChatService on SQLite.
#include "service/forwarding_chat_service.hpp"

#include <gtest/gtest.h>

#include <future>

#include "bus/event_bus.hpp"
#include "service/chat_call_dispatcher.hpp"
#include "service/local_chat_service.hpp"
#include "store/blob_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support/temp_directory.hpp"

namespace livedesk::service {
namespace {
namespace json = boost::json;

// A link that sends through text, like net::LeaderClient, and can fail on demand.
class TextLink final : public LeaderLink {
 public:
  explicit TextLink(ChatCallDispatcher& dispatcher) : dispatcher_(dispatcher) {}
  void call(std::string op, json::array args, std::function<void(std::optional<json::value>)> reply) override {
    ++calls;
    if (down) return reply(std::nullopt);
    const auto sent = json::parse(json::serialize(json::object{{"op", op}, {"args", args}})).as_object();
    dispatcher_.dispatch(sent.at("op").as_string(), sent.at("args").as_array(), [reply](json::value answer) {
      reply(json::parse(json::serialize(answer)));
    });
  }
  bool down = false;
  int calls = 0;

 private:
  ChatCallDispatcher& dispatcher_;
};

template <class T>
T get(std::function<void(Done<T>)> call) {
  std::promise<Outcome<T>> promise;
  call([&](Outcome<T> outcome) { promise.set_value(std::move(outcome)); });
  auto outcome = promise.get_future().get();
  if (auto* error = std::get_if<ChatError>(&outcome)) throw std::runtime_error(error->code + ": " + error->message);
  return std::get<T>(std::move(outcome));
}

class ForwardingChatServiceTest : public ::testing::Test {
 protected:
  ForwardingChatServiceTest()
      : tokens_("forwarding-test-secret-0123456789abcdef", clock_, std::chrono::hours(1), std::chrono::hours(1)),
        executor_(store::open_sqlite_store(dir_.path() / "livedesk.db")),
        bus_(fanout_),
        blobs_(dir_.path() / "attachments"),
        local_(executor_, tokens_, clock_, calendar_, bus_, ChatSettings{}, files_, blobs_),
        dispatcher_(local_),
        link_(dispatcher_),
        remote_(link_, tokens_, files_, blobs_, "node-b") {
    std::promise<std::int64_t> agent, supervisor;
    executor_.post([&](store::Store& s) {
      agent.set_value(s.accounts().create({"ann", "Ann", domain::Role::agent, "h", 0}));
      supervisor.set_value(s.accounts().create({"sam", "Sam", domain::Role::supervisor, "h", 0}));
      local_.load(s);
    });
    agent_ = Actor::staff(agent.get_future().get(), domain::Role::agent, "ann");
    supervisor_ = Actor::staff(supervisor.get_future().get(), domain::Role::supervisor, "sam");
  }
  ~ForwardingChatServiceTest() override {
    files_.stop();
    executor_.stop();
    fanout_.stop();
  }

  store::test_support::TempDirectory dir_;
  domain::SystemClock clock_;
  domain::Calendar calendar_{"UTC"};
  auth::TokenService tokens_;
  store::StoreExecutor executor_;
  support::WorkerThread fanout_{"fanout"}, files_{"files"};
  bus::InProcessBus bus_;
  store::FileBlobStore blobs_;
  LocalChatService local_;
  ChatCallDispatcher dispatcher_;
  TextLink link_;
  ForwardingChatService remote_;
  Actor agent_, supervisor_;
};

TEST_F(ForwardingChatServiceTest, AChatRunsEndToEndThroughForwardedCalls) {
  auto started = get<ChatStartedWithToken>([&](auto done) {
    remote_.start_chat({"Carla", "Carla@Example.com", "billing", std::string("hello?")}, done);
  });
  const auto sid = started.started.session.id;
  EXPECT_EQ(started.started.session.customer.email, "carla@example.com");
  auto customer = remote_.verify_customer(started.customer_token);
  ASSERT_TRUE(customer);
  EXPECT_EQ(customer->session_id, sid);

  EXPECT_EQ(get<std::vector<domain::SessionView>>([&](auto done) { remote_.waiting(done); }).size(), 1u);
  auto taken = get<domain::SessionView>([&](auto done) { remote_.take(agent_, sid, done); });
  ASSERT_TRUE(taken.agent);
  EXPECT_EQ(taken.agent->id, agent_.id);

  NewMessage reply;
  reply.body = "hi, Ann here";
  reply.client_msg_id = "a-1";
  auto accepted = get<MessageAccepted>([&](auto done) { remote_.send_message(agent_, sid, reply, done); });
  EXPECT_EQ(accepted.message.body, "hi, Ann here");
  EXPECT_FALSE(accepted.duplicate);
  auto again = get<MessageAccepted>([&](auto done) { remote_.send_message(agent_, sid, reply, done); });
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.message.seq, accepted.message.seq);

  auto history = get<std::vector<domain::MessageView>>([&](auto done) { remote_.messages_after(*customer, sid, 0, 100, done); });
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history.back().client_msg_id, std::optional<std::string>("a-1"));
  auto resumed = get<std::vector<domain::MessageView>>(
      [&](auto done) { remote_.resume(*customer, sid, history.front().seq, done); });
  EXPECT_EQ(resumed.size(), history.size() - 1);
  auto agent_resume = get<AgentResume>([&](auto done) { remote_.resume_agent(agent_, {{sid, 0}}, done); });
  EXPECT_EQ(agent_resume.sessions.size(), 1u);
  EXPECT_EQ(agent_resume.missed.size(), history.size());

  // Marks the agent's one message read: one row changed.
  EXPECT_EQ(get<std::int64_t>([&](auto done) { remote_.receipt(*customer, sid, accepted.message.seq, "read", done); }),
            1);
  EXPECT_EQ(get<std::string>([&](auto done) { remote_.set_status(agent_, domain::AgentStatus::idle, done); }), "idle");
  auto note = get<domain::NoteView>([&](auto done) { remote_.add_note(agent_, sid, "note", "VIP", done); });
  EXPECT_EQ(get<std::vector<domain::NoteView>>([&](auto done) { remote_.notes(supervisor_, sid, done); }).at(0).id, note.id);
  auto canned = get<domain::CannedView>([&](auto done) { remote_.save_canned(agent_, std::nullopt, {false, "hi", "Hi", "Hello {{customer.name}}"}, done); });
  EXPECT_EQ(get<std::string>([&](auto done) { remote_.render_canned(agent_, canned.id, sid, done); }), "Hello Carla");
  EXPECT_EQ(get<std::vector<domain::CannedView>>([&](auto done) { remote_.search_canned(agent_, "h", done); }).size(), 1u);
  std::promise<bool> may_watch;
  remote_.watch(supervisor_, sid, [&](bool allowed) { may_watch.set_value(allowed); });
  EXPECT_TRUE(may_watch.get_future().get());

  auto metrics = get<domain::MetricsView>([&](auto done) { remote_.metrics(done); });
  EXPECT_EQ(metrics.active_sessions, 1);
  auto agents = get<std::vector<domain::AgentView>>([&](auto done) { remote_.agents(done); });
  ASSERT_EQ(agents.size(), 1u);  // agents only: the supervisor is not on the floor
  EXPECT_EQ(agents[0].name, "Ann");
  auto closed = get<domain::SessionView>([&](auto done) { remote_.close(agent_, sid, done); });
  EXPECT_EQ(closed.status, "closed");
  auto rated = get<domain::SessionView>([&](auto done) { remote_.rate(*customer, sid, 5, "great", done); });
  EXPECT_EQ(rated.id, sid);
  auto block = get<domain::BlockView>([&](auto done) { remote_.block(supervisor_, std::nullopt, std::string("spam@example.com"), "spam", done); });
  EXPECT_EQ(get<std::vector<domain::BlockView>>([&](auto done) { remote_.blocks(done); }).at(0).id, block.id);
}

TEST_F(ForwardingChatServiceTest, RefusalsComeBackWithTheirCodeAndAnUnreachableLeaderIs503) {
  auto missing = std::promise<Outcome<domain::SessionView>>();
  remote_.take(agent_, 999, [&](auto outcome) { missing.set_value(outcome); });
  auto refused = missing.get_future().get();
  ASSERT_TRUE(std::holds_alternative<ChatError>(refused));
  EXPECT_EQ(std::get<ChatError>(refused).http_status, 404);

  link_.down = true;
  auto unreachable = std::promise<Outcome<domain::SessionView>>();
  remote_.take(agent_, 1, [&](auto outcome) { unreachable.set_value(outcome); });
  auto answer = unreachable.get_future().get();
  ASSERT_TRUE(std::holds_alternative<ChatError>(answer));
  EXPECT_EQ(std::get<ChatError>(answer).http_status, 503);
}

TEST_F(ForwardingChatServiceTest, TheLeaderRefusesUnknownCallsAndArgumentsThatDoNotFit) {
  std::vector<json::value> answers;
  dispatcher_.dispatch("drop_tables", {}, [&](json::value v) { answers.push_back(v); });
  dispatcher_.dispatch("take", json::array{"not an actor", 1}, [&](json::value v) { answers.push_back(v); });
  dispatcher_.dispatch("take", json::array{1}, [&](json::value v) { answers.push_back(v); });
  ASSERT_EQ(answers.size(), 3u);
  for (const auto& answer : answers) EXPECT_EQ(answer.at("error").at("code").as_string(), "bad_call") << answer;
}

}  // namespace
}  // namespace livedesk::service
