// Every forwarded call survives the trip to the leader and back: a
// ForwardingChatService whose link serializes each call to text and parses it
// again (as the network would) drives a real LocalChatService on SQLite.
#include "service/forwarding_chat_service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <set>

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
  void call(std::string_view op, json::value request, std::function<void(std::optional<json::value>)> reply) override {
    ++calls;
    if (down) return reply(std::nullopt);
    const auto sent = json::parse(json::serialize(json::object{{"op", op}, {"request", request}})).as_object();
    dispatcher_.dispatch(sent.at("op").as_string(), sent.at("request"), [reply](json::value answer) {
      reply(json::parse(json::serialize(answer)));
    });
  }
  bool down = false;
  int calls = 0;

 private:
  ChatCallDispatcher& dispatcher_;
};

// Runs `request` and waits for its outcome.
template <class Call>
Outcome<typename Call::Result> outcome_of(ChatService& chat, Call request) {
  std::promise<Outcome<typename Call::Result>> promise;
  chat.call(std::move(request), [&](Outcome<typename Call::Result> outcome) { promise.set_value(std::move(outcome)); });
  return promise.get_future().get();
}

// Runs `request` and returns its result; throws for a refusal.
template <class Call>
typename Call::Result get(ChatService& chat, Call request) {
  auto outcome = outcome_of(chat, std::move(request));
  if (auto* error = std::get_if<ChatError>(&outcome)) throw std::runtime_error(error->code + ": " + error->message);
  return std::get<typename Call::Result>(std::move(outcome));
}

class ForwardingChatServiceTest : public ::testing::Test {
 protected:
  ForwardingChatServiceTest()
      : tokens_("forwarding-test-secret-0123456789abcdef", clock_, std::chrono::hours(1), std::chrono::hours(1)),
        executor_(store::open_sqlite_store(dir_.path() / "livedesk.db")),
        bus_(fanout_),
        blobs_(dir_.path() / "attachments"),
        local_(executor_, tokens_, clock_, calendar_, bus_, ChatSettings{}),
        dispatcher_(local_),
        link_(dispatcher_),
        remote_(link_, tokens_, "node-b") {
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
  domain::Calendar calendar_;  // UTC
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
  auto started = get(remote_, calls::StartChat{"Carla", "Carla@Example.com", "billing", std::string("hello?")});
  const auto sid = started.started.session.id;
  EXPECT_EQ(started.started.session.customer.email, "carla@example.com");
  auto customer = remote_.verify_customer(started.customer_token);
  ASSERT_TRUE(customer);
  EXPECT_EQ(customer->session_id, sid);

  EXPECT_EQ(get(remote_, calls::ListWaiting{}).size(), 1u);
  auto taken = get(remote_, calls::Take{agent_, sid});
  ASSERT_TRUE(taken.agent);
  EXPECT_EQ(taken.agent->id, agent_.id);
  EXPECT_EQ(get(remote_, calls::ListActive{}).size(), 1u);
  EXPECT_EQ(get(remote_, calls::SessionsOfAgent{agent_}).size(), 1u);
  EXPECT_EQ(get(remote_, calls::GetSession{*customer, sid}).id, sid);

  NewMessage reply;
  reply.body = "hi, Ann here";
  reply.client_msg_id = "a-1";
  auto accepted = get(remote_, calls::SendMessage{agent_, sid, reply});
  EXPECT_EQ(accepted.message.body, "hi, Ann here");
  EXPECT_FALSE(accepted.duplicate);
  auto again = get(remote_, calls::SendMessage{agent_, sid, reply});
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.message.seq, accepted.message.seq);
  EXPECT_TRUE(get(remote_, calls::Typing{agent_, sid, true}));

  auto history = get(remote_, calls::MessagesAfter{*customer, sid, 0, 100});
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history.back().client_msg_id, std::optional<std::string>("a-1"));
  auto resumed = get(remote_, calls::Resume{*customer, sid, history.front().seq});
  EXPECT_EQ(resumed.size(), history.size() - 1);
  auto agent_resume = get(remote_, calls::ResumeAgent{agent_, {{sid, 0}}});
  EXPECT_EQ(agent_resume.sessions.size(), 1u);
  EXPECT_EQ(agent_resume.missed.size(), history.size());

  // Marks the agent's one message read: one row changed.
  EXPECT_EQ(get(remote_, calls::Receipt{*customer, sid, accepted.message.seq, "read"}), 1);
  EXPECT_EQ(get(remote_, calls::SetStatus{agent_, domain::AgentStatus::idle}), "idle");
  auto note = get(remote_, calls::AddNote{agent_, sid, "note", "VIP"});
  EXPECT_EQ(get(remote_, calls::ListNotes{supervisor_, sid}).at(0).id, note.id);
  EXPECT_EQ(get(remote_, calls::EditNote{agent_, note.id, std::string("VIP customer")}).body, "VIP customer");
  auto canned = get(remote_, calls::SaveCanned{agent_, std::nullopt, {false, "hi", "Hi", "Hello {{customer.name}}"}});
  EXPECT_EQ(get(remote_, calls::RenderCanned{agent_, canned.id, sid}), "Hello Carla");
  EXPECT_EQ(get(remote_, calls::SearchCanned{agent_, "h"}).size(), 1u);
  EXPECT_EQ(get(remote_, calls::DeleteCanned{agent_, canned.id}).id, canned.id);
  EXPECT_TRUE(get(remote_, calls::Watch{supervisor_, sid}));
  EXPECT_EQ(get(remote_, calls::BargeIn{supervisor_, sid}).id, sid);
  EXPECT_TRUE(get(remote_, calls::ListTransfers{agent_, sid}).empty());

  UploadedFile file{sid, std::string(64, 'a'), "notes.txt", "text/plain", 5, 0};
  auto upload = get(remote_, calls::RecordUpload{agent_, sid, file});
  EXPECT_EQ(upload.id, file.sha256);
  EXPECT_EQ(get(remote_, calls::FindUpload{*customer, sid, file.sha256}).name, "notes.txt");

  auto metrics = get(remote_, calls::GetMetrics{});
  EXPECT_EQ(metrics.active_sessions, 1);
  auto agents = get(remote_, calls::ListAgents{});
  ASSERT_EQ(agents.size(), 1u);  // agents only: the supervisor is not on the floor
  EXPECT_EQ(agents[0].name, "Ann");
  auto closed = get(remote_, calls::Close{agent_, sid});
  EXPECT_EQ(closed.status, "closed");
  auto rated = get(remote_, calls::Rate{*customer, sid, 5, "great"});
  EXPECT_EQ(rated.id, sid);
  auto block = get(remote_, calls::BlockCustomer{supervisor_, std::nullopt, std::string("spam@example.com"), "spam"});
  EXPECT_EQ(get(remote_, calls::ListBlocks{}).at(0).id, block.id);
  EXPECT_EQ(get(remote_, calls::UnblockCustomer{supervisor_, "spam@example.com"}).id, block.id);
}

TEST_F(ForwardingChatServiceTest, ATransferIsAskedAndAnsweredThroughForwardedCalls) {
  std::promise<std::int64_t> second;
  executor_.post([&](store::Store& s) { second.set_value(s.accounts().create({"bea", "Bea", domain::Role::agent, "h", 0})); });
  const Actor bea = Actor::staff(second.get_future().get(), domain::Role::agent, "bea");
  get(remote_, calls::SetStatus{bea, domain::AgentStatus::active});
  auto started = get(remote_, calls::StartChat{"Dan", "dan@example.com", "", std::nullopt});
  const auto sid = started.started.session.id;
  get(remote_, calls::Assign{supervisor_, sid, agent_.id, true});
  auto transfer = get(remote_, calls::RequestTransfer{agent_, sid, bea.id, "billing question"});
  EXPECT_EQ(transfer.status, "pending");
  auto answered = get(remote_, calls::AnswerTransfer{bea, transfer.id, true});
  EXPECT_EQ(answered.status, "accepted");
  EXPECT_EQ(get(remote_, calls::ListTransfers{supervisor_, sid}).size(), 1u);
}

TEST_F(ForwardingChatServiceTest, RefusalsComeBackWithTheirCodeAndAnUnreachableLeaderIs503) {
  auto refused = outcome_of(remote_, calls::Take{agent_, 999});
  ASSERT_TRUE(std::holds_alternative<ChatError>(refused));
  EXPECT_EQ(std::get<ChatError>(refused).http_status, 404);

  link_.down = true;
  auto answer = outcome_of(remote_, calls::Take{agent_, 1});
  ASSERT_TRUE(std::holds_alternative<ChatError>(answer));
  EXPECT_EQ(std::get<ChatError>(answer).http_status, 503);
}

TEST_F(ForwardingChatServiceTest, TheLeaderRefusesUnknownCallsAndRequestsThatDoNotFit) {
  std::vector<json::value> answers;
  dispatcher_.dispatch("drop_tables", json::object{}, [&](json::value v) { answers.push_back(v); });
  dispatcher_.dispatch("take", json::array{"not an actor", 1}, [&](json::value v) { answers.push_back(v); });
  dispatcher_.dispatch("take", json::object{{"agent", 1}, {"session_id", 1}}, [&](json::value v) { answers.push_back(v); });
  ASSERT_EQ(answers.size(), 3u);
  for (const auto& answer : answers) EXPECT_EQ(answer.at("error").at("code").as_string(), "bad_call") << answer;
}

// The list is the only place a call is named: every call has a name of its
// own, and the leader's dispatcher knows each one (a request that does not fit
// is refused as such, never as an unknown call).
TEST_F(ForwardingChatServiceTest, EveryCallOfTheListHasOneNameAndTheLeaderKnowsIt) {
  std::set<std::string_view> names;
  int count = 0;
  ChatCalls::for_each([&]<class Call>(std::type_identity<Call>) {
    ++count;
    EXPECT_TRUE(names.insert(Call::name).second) << "two calls named " << Call::name;
    std::optional<json::value> answer;
    dispatcher_.dispatch(Call::name, json::value("not a request"), [&](json::value v) { answer = v; });
    ASSERT_TRUE(answer) << Call::name;
    EXPECT_NE(std::string(answer->at("error").at("message").as_string()).find("does not fit"), std::string::npos)
        << Call::name << ": " << *answer;
  });
  EXPECT_EQ(count, std::variant_size_v<PendingChatCall>);
}

// Tags and dispositions (#14): config by admins, tagging and dispositions by staff with write access, the
// required disposition at close, each through the wire codec.
TEST_F(ForwardingChatServiceTest, TagsAndDispositionsWorkThroughForwardedCalls) {
  std::promise<std::int64_t> ids;
  executor_.post([&](store::Store& s) {
    const auto admin = s.accounts().create({"ada", "Ada", domain::Role::admin, "h", 0});
    s.accounts().create({"ben", "Ben", domain::Role::agent, "h", 0});
    ids.set_value(admin);
  });
  const Actor ada = Actor::staff(ids.get_future().get(), domain::Role::admin, "ada");
  const Actor ben = Actor::staff(ada.id + 1, domain::Role::agent, "ben");
  const auto code_of = [](const auto& outcome) {
    const auto* error = std::get_if<ChatError>(&outcome);
    return error ? std::to_string(error->http_status) + " " + error->code : std::string("ok");
  };

  EXPECT_EQ(code_of(outcome_of(remote_, calls::SaveTag{agent_, std::nullopt, std::string("vip"), std::nullopt,
                                                       std::nullopt})),
            "403 forbidden");
  auto vip = get(remote_, calls::SaveTag{ada, std::nullopt, std::string(" VIP "), std::string("#00aa00"), std::nullopt});
  EXPECT_EQ(vip.name, "VIP");
  EXPECT_EQ(code_of(outcome_of(remote_, calls::SaveTag{ada, std::nullopt, std::string("vip"), std::nullopt,
                                                       std::nullopt})),
            "409 tag_exists");
  EXPECT_EQ(code_of(outcome_of(remote_, calls::SaveTag{ada, vip.id, std::nullopt, std::string("green"),
                                                       std::nullopt})),
            "400 invalid_field");
  EXPECT_EQ(get(remote_, calls::ListTags{false}).size(), 1u);

  auto started = get(remote_, calls::StartChat{"Eve", "eve@example.com", "", std::nullopt});
  const auto sid = started.started.session.id;
  get(remote_, calls::Take{agent_, sid});
  EXPECT_EQ(get(remote_, calls::TagConversation{agent_, sid, vip.id, true}).at(0).id, vip.id);
  EXPECT_EQ(code_of(outcome_of(remote_, calls::TagConversation{ben, sid, vip.id, true})), "403 not_your_chat");
  EXPECT_EQ(code_of(outcome_of(remote_, calls::TagConversation{agent_, sid + 100, vip.id, true})), "404 not_found");

  auto solved = get(remote_, calls::SaveDisposition{ada, std::nullopt, std::string("Solved"), std::nullopt});
  auto archived = get(remote_, calls::SaveDisposition{ada, std::nullopt, std::string("Gone"), std::nullopt});
  EXPECT_TRUE(get(remote_, calls::SaveDisposition{ada, archived.id, std::nullopt, true}).archived);
  EXPECT_EQ(get(remote_, calls::ListDispositions{false}).size(), 1u);
  EXPECT_EQ(code_of(outcome_of(remote_, calls::ConversationSettings{supervisor_, true})), "403 forbidden");
  EXPECT_TRUE(get(remote_, calls::ConversationSettings{ada, true}).disposition_required);
  EXPECT_TRUE(get(remote_, calls::ConversationSettings{agent_, std::nullopt}).disposition_required);

  EXPECT_EQ(code_of(outcome_of(remote_, calls::Close{agent_, sid})), "400 disposition_required");
  EXPECT_EQ(code_of(outcome_of(remote_, calls::Close{agent_, sid, archived.id})), "400 bad_disposition");
  EXPECT_EQ(get(remote_, calls::Close{agent_, sid, solved.id}).status, "closed");
  // After close: still tagged, untagged and re-dispositioned by the agent it ended with.
  EXPECT_TRUE(get(remote_, calls::TagConversation{agent_, sid, vip.id, false}).empty());
  EXPECT_FALSE(get(remote_, calls::SetDisposition{agent_, sid, std::nullopt}).disposition.has_value());
  EXPECT_EQ(get(remote_, calls::SetDisposition{supervisor_, sid, solved.id}).disposition->id, solved.id);
  get(remote_, calls::SaveTag{ada, vip.id, std::nullopt, std::nullopt, true});
  EXPECT_EQ(code_of(outcome_of(remote_, calls::TagConversation{agent_, sid, vip.id, true})), "409 tag_archived");
}

// #14 privacy: an export is audited on the leader before it leaves; the retention setting is the admins'.
TEST_F(ForwardingChatServiceTest, ExportsAreAuditedAndTheRetentionIsSetThroughForwardedCalls) {
  std::promise<std::int64_t> admin;
  executor_.post([&](store::Store& s) { admin.set_value(s.accounts().create({"ada", "Ada", domain::Role::admin, "h", 0})); });
  const Actor ada = Actor::staff(admin.get_future().get(), domain::Role::admin, "ada");
  const auto code_of = [](const auto& outcome) {
    const auto* error = std::get_if<ChatError>(&outcome);
    return error ? std::to_string(error->http_status) + " " + error->code : std::string("ok");
  };
  const auto contact = get(remote_, calls::StartChat{"Eve", "eve@example.com", "", std::nullopt}).started.customer_id;

  EXPECT_EQ(code_of(outcome_of(remote_, calls::RecordContactExport{agent_, contact, 1})), "403 forbidden");
  EXPECT_EQ(code_of(outcome_of(remote_, calls::RecordContactExport{supervisor_, contact + 100, 0})), "404 not_found");
  EXPECT_TRUE(get(remote_, calls::RecordContactExport{supervisor_, contact, 1}));
  std::promise<std::vector<store::AuditEntry>> audited;
  executor_.post([&](store::Store& s) {
    domain::AuditQuery query;
    query.action = "contact.exported";
    query.limit = 10;
    audited.set_value(s.audit().query(query));
  });
  const auto entries = audited.get_future().get();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor_user_id, supervisor_.id);
  EXPECT_EQ(entries[0].target_type, "contact");
  EXPECT_EQ(entries[0].target_id, std::to_string(contact));
  EXPECT_EQ(json::parse(entries[0].detail_json), (json::object{{"conversations", 1}}));

  EXPECT_EQ(code_of(outcome_of(remote_, calls::RetentionSettings{supervisor_, std::nullopt})), "403 forbidden");
  EXPECT_EQ(code_of(outcome_of(remote_, calls::RetentionSettings{supervisor_, 30})), "403 forbidden");
  EXPECT_EQ(get(remote_, calls::RetentionSettings{ada, std::nullopt}).retention_days, 0);  // the command line's
  EXPECT_EQ(get(remote_, calls::RetentionSettings{ada, 30}).retention_days, 30);
  EXPECT_EQ(get(remote_, calls::RetentionSettings{ada, std::nullopt}).retention_days, 30);
  EXPECT_EQ(code_of(outcome_of(remote_, calls::RetentionSettings{ada, 36501})), "400 invalid_field");
  EXPECT_EQ(code_of(outcome_of(remote_, calls::RetentionSettings{ada, -1})), "400 invalid_field");
  EXPECT_EQ(get(remote_, calls::RetentionSettings{ada, 0}).retention_days, 0);
  EXPECT_EQ(get(remote_, calls::RetentionSettings{ada, std::nullopt}).retention_days, 0);
}

}  // namespace
}  // namespace livedesk::service
