// The search projection against a real SQLite store: it rebuilds when it has no place in the log, follows the
// log after that, re-indexes a contact's conversations when the contact changes, starts over when the log was
// pruned past it, and a rebuild gives the same index as following the log did.
#include "service/search_projection.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "bus/event_codec.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_executor.hpp"
#include "store/test_support/temp_directory.hpp"

namespace livedesk::service {
namespace {

using Ids = std::vector<std::int64_t>;
constexpr std::int64_t kT0 = 1'800'000'000'000;

class SearchProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite_store(file_);
    customer_ = store_->contacts().upsert("Carla", "carla@example.com", kT0).id;
  }

  std::int64_t session() {
    store::ChatSession s;
    s.customer_id = customer_;
    s.subject = "help";
    s.created_ms = kT0;
    return store_->sessions().insert(s);
  }
  // Stores a customer message and, unless `silent`, logs it as the engine does.
  void say(std::int64_t session_id, std::string body, bool silent = false) {
    store::Message m;
    m.session_id = session_id;
    m.seq = ++seqs_[session_id];
    m.sender_type = "customer";
    m.body = body;
    m.created_ms = kT0 + m.seq;
    m.id = store_->messages().insert(m);
    if (silent) return;
    domain::MessageView view;
    view.id = m.id;
    view.session_id = session_id;
    view.seq = m.seq;
    view.sender_type = "customer";
    view.body = std::move(body);
    log("message.created", bus::MessageCreated{view, std::nullopt});
  }
  // `type` as service/event_json names it: the projection decodes only the types that change what is searched.
  void log(std::string type, const bus::Event& event, std::int64_t created_ms = kT0) {
    store_->events().append(
        {0, "ev-" + std::to_string(++logged_), std::move(type), created_ms, bus::encode_event(event)});
  }
  Ids search(std::string_view q) {
    return store_->conversations().search_newest(domain::SearchQuery::parse(q), {}, std::nullopt, 100);
  }
  // Rounds until there is nothing more to do at once; how many it took.
  int catch_up(std::size_t batch, std::int64_t delay_ms = 0) {
    int rounds = 1;
    while (SearchProjection::apply_round(*store_, batch, now_ms_, delay_ms)) ++rounds;
    return rounds;
  }
  std::int64_t cursor() { return store_->outbox().find(SearchProjection::kCursor)->position; }

  store::test_support::TempDirectory dir_;
  std::filesystem::path file_ = dir_.path() / "livedesk.db";
  std::unique_ptr<store::Store> store_;
  std::int64_t customer_ = 0;
  std::int64_t now_ms_ = kT0;
  std::map<std::int64_t, std::int64_t> seqs_;
  int logged_ = 0;
};

TEST_F(SearchProjectionTest, RebuildsWithoutACursorThenFollowsTheLog) {
  Ids sessions;
  for (int i = 0; i < 5; ++i) {
    sessions.push_back(session());
    say(sessions.back(), "history " + std::to_string(i), true);  // written before there was a projection
  }
  EXPECT_EQ(search("history"), Ids{});
  EXPECT_EQ(catch_up(2), 3);  // the walk of 5 sessions, 2 a round
  EXPECT_EQ(search("history"), (Ids{sessions.rbegin(), sessions.rend()}));
  EXPECT_FALSE(store_->outbox().find(SearchProjection::kRebuildCursor).has_value());

  say(sessions[1], "a zebra crossed");
  say(sessions[3], "zebra again");
  EXPECT_EQ(search("zebra"), Ids{});
  catch_up(100);
  EXPECT_EQ(search("zebra"), (Ids{sessions[3], sessions[1]}));
  EXPECT_EQ(cursor(), store_->events().last_position());
  EXPECT_FALSE(SearchProjection::apply_round(*store_, 100, now_ms_, 0));  // nothing new: nothing to do
}

TEST_F(SearchProjectionTest, AContactChangeReindexesTheirConversations) {
  const auto a = session();
  const auto b = session();
  catch_up(100);
  auto contact = *store_->contacts().find(customer_);
  contact.name = "Zoltan Kovacs";
  store_->contacts().update(contact);
  domain::ContactView view;
  view.id = customer_;
  view.name = contact.name;
  log("contact.updated", bus::ContactChanged{view, "updated", std::nullopt});
  catch_up(100);
  EXPECT_EQ(search("kovacs"), (Ids{b, a}));
  EXPECT_EQ(search("carla"), (Ids{b, a}));  // the email still says carla
}

TEST_F(SearchProjectionTest, ALogPrunedPastTheCursorStartsOver) {
  const auto a = session();
  catch_up(100);
  say(a, "old news", false);
  // The entry is pruned before the projection read it: only a rebuild can know what it said.
  log("queue.depth", bus::QueueDepthChanged{1, 0}, kT0 + 10);
  ASSERT_EQ(store_->events().prune_before(kT0 + 1, 100), 1u);
  catch_up(100);
  EXPECT_EQ(search("news"), (Ids{a}));
}

TEST_F(SearchProjectionTest, ARebuildGivesTheIndexFollowingTheLogGave) {
  Ids sessions;
  for (int i = 0; i < 6; ++i) sessions.push_back(session());
  catch_up(100);
  const char* words[] = {"alpha beta", "beta gamma", "gamma delta", "délta epsilon", "alpha", "omega"};
  for (int i = 0; i < 6; ++i) say(sessions[i], words[i]);
  catch_up(4);
  const char* queries[] = {"alpha", "beta", "delta", "gam*", "\"alpha beta\"", "beta -gamma", "omega"};
  std::vector<Ids> live;
  for (const char* q : queries) live.push_back(search(q));
  EXPECT_EQ(SearchProjection::rebuild(*store_, 4), 6u);
  for (std::size_t i = 0; i < std::size(queries); ++i) EXPECT_EQ(search(queries[i]), live[i]) << queries[i];
  EXPECT_EQ(live[2], (Ids{sessions[3], sessions[2]}));
  EXPECT_FALSE(SearchProjection::apply_round(*store_, 100, now_ms_, 0));  // the rebuild left the cursor at the end
}

TEST_F(SearchProjectionTest, AnOpenConversationWaitsTheDelayAClosedOneDoesNot) {
  const auto open = session();
  const auto closing = session();
  catch_up(100, 1000);
  say(open, "kiwi one");
  say(closing, "kiwi two");
  auto closed = *store_->sessions().find(closing);
  closed.status = "closed";
  closed.closed_ms = kT0 + 50;
  closed.close_reason = "missed";
  store_->sessions().update(closed);
  catch_up(100, 1000);
  EXPECT_EQ(search("kiwi"), (Ids{closing}));
  now_ms_ += 600;
  say(open, "kiwi three");  // changed again while waiting: the wait counts from the first change
  catch_up(100, 1000);
  EXPECT_EQ(search("kiwi"), (Ids{closing}));
  now_ms_ += 400;
  catch_up(100, 1000);
  EXPECT_EQ(search("kiwi"), (Ids{closing, open}));
  EXPECT_EQ(search("three"), (Ids{open}));
  EXPECT_TRUE(store_->conversations().due(now_ms_ + 100'000, 10).empty());
}

TEST_F(SearchProjectionTest, RunsItsRoundsOnTheStoreExecutor) {
  const auto a = session();
  say(a, "walrus");
  store::StoreExecutor executor(store::open_sqlite_store(file_));
  domain::SystemClock clock;
  SearchProjection projection(executor, clock, std::chrono::milliseconds(0), 1);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (search("walrus").empty() && std::chrono::steady_clock::now() < deadline) {
    projection.run();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // between polls of the index; the deadline decides
  }
  EXPECT_EQ(search("walrus"), (Ids{a}));
  executor.stop();
}

}  // namespace
}  // namespace livedesk::service
