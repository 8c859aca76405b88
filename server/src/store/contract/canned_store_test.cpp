// Canned responses, in every store.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;
using test_support::Ids;
using test_support::ids_of;

// Two agents, each with their own responses.
class CannedStoreTest : public test_support::AgentToolsTest {};

TEST_P(CannedStoreTest, CannedShortcutIsUniquePerOwnerAndSharedCountsAsOneOwner) {
  const auto shared = store_->canned().insert(canned(std::nullopt, "hi", "Hello"));
  EXPECT_THROW(store_->canned().insert(canned(std::nullopt, "hi", "Hello again")), DuplicateError);
  // A personal response may reuse a shared shortcut, and two users may share one.
  const auto mine = store_->canned().insert(canned(agent_, "hi", "My hello"));
  store_->canned().insert(canned(agent2_, "hi", "Their hello"));
  EXPECT_THROW(store_->canned().insert(canned(agent_, "hi", "My hello again")), DuplicateError);
  EXPECT_THROW(store_->canned().insert(canned(agent_, "", "No shortcut")), StoreError);

  const auto found = store_->canned().find(mine);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->owner_user_id, agent_);
  EXPECT_EQ(found->shortcut, "hi");
  EXPECT_EQ(found->title, "My hello");
  EXPECT_EQ(found->body, "body of My hello");
  EXPECT_EQ(found->created_ms, kT0);
  EXPECT_EQ(found->updated_ms, kT0);
  EXPECT_FALSE(store_->canned().find(shared)->owner_user_id.has_value());
}

TEST_P(CannedStoreTest, UpdateAndDeleteCanned) {
  const auto bye = store_->canned().insert(canned(agent_, "bye", "Goodbye"));
  store_->canned().insert(canned(agent_, "hi", "Hello"));

  CannedResponse change = *store_->canned().find(bye);
  change.shortcut = "hi";
  EXPECT_THROW(store_->canned().update(change), DuplicateError);
  change.shortcut = "cya";
  change.title = "See you";
  change.body = "See you soon!";
  change.updated_ms = kT0 + 9;
  change.created_ms = kT0 + 99;  // not written
  store_->canned().update(change);
  const auto updated = store_->canned().find(bye);
  EXPECT_EQ(updated->shortcut, "cya");
  EXPECT_EQ(updated->title, "See you");
  EXPECT_EQ(updated->body, "See you soon!");
  EXPECT_EQ(updated->updated_ms, kT0 + 9);
  EXPECT_EQ(updated->created_ms, kT0);

  change.id = bye + 100;
  EXPECT_THROW(store_->canned().update(change), StoreError);
  EXPECT_TRUE(store_->canned().remove(bye));
  EXPECT_FALSE(store_->canned().remove(bye));
  EXPECT_FALSE(store_->canned().find(bye).has_value());
}

TEST_P(CannedStoreTest, SearchCannedMatchesShortcutOrTitlePrefixOwnFirstNeverOthersPersonal) {
  const auto shared_hello = store_->canned().insert(canned(std::nullopt, "hello", "Welcome"));
  const auto shared_refund = store_->canned().insert(canned(std::nullopt, "refund", "Refund policy"));
  const auto shared_bye = store_->canned().insert(canned(std::nullopt, "bye", "Goodbye"));
  const auto my_hours = store_->canned().insert(canned(agent_, "hours", "Opening hours"));
  const auto my_hello = store_->canned().insert(canned(agent_, "hello", "My hello"));
  const auto their_help = store_->canned().insert(canned(agent2_, "help", "How can I help"));

  auto search = [&](std::int64_t user, std::string_view prefix, int limit = 10) {
    return ids_of(store_->canned().search(user, prefix, limit));
  };
  using Ids = std::vector<std::int64_t>;
  // Own first, then shared, each by shortcut; agent2's personal one never shows.
  EXPECT_EQ(search(agent_, ""), (Ids{my_hello, my_hours, shared_bye, shared_hello, shared_refund}));
  EXPECT_EQ(search(agent_, "H"), (Ids{my_hello, my_hours, shared_hello}));  // by shortcut, any case
  EXPECT_EQ(search(agent_, "hel"), (Ids{my_hello, shared_hello}));
  EXPECT_EQ(search(agent_, "GOOD"), (Ids{shared_bye}));  // by title
  EXPECT_EQ(search(agent_, "open"), (Ids{my_hours}));
  EXPECT_EQ(search(agent_, "wel"), (Ids{shared_hello}));
  EXPECT_EQ(search(agent_, "my h"), (Ids{my_hello}));
  EXPECT_TRUE(search(agent_, "elp").empty());  // a prefix, not a substring
  EXPECT_TRUE(search(agent_, "how").empty());   // agent2's title
  EXPECT_TRUE(search(agent_, "%").empty());     // no LIKE wildcards
  EXPECT_TRUE(search(agent_, "h_").empty());
  EXPECT_EQ(search(agent2_, "h"), (Ids{their_help, shared_hello}));
  // Limit counts own ones first.
  EXPECT_EQ(search(agent_, "", 2), (Ids{my_hello, my_hours}));
  EXPECT_TRUE(search(agent_, "", 0).empty());
  EXPECT_TRUE(search(agent_, "", -1).empty());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(CannedStoreTest);

}  // namespace
}  // namespace livedesk::store
