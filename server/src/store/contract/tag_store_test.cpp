// Tags and the tags on conversations, in every store.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::ids_of;
using test_support::kT0;
using test_support::Ids;

class TagStoreTest : public test_support::AgentToolsTest {
 protected:
  static Tag tag(std::string name, std::string color = "") {
    Tag t;
    t.name = std::move(name);
    t.color = std::move(color);
    t.created_ms = kT0;
    return t;
  }
};

TEST_P(TagStoreTest, TagsRoundTripAndNamesAreUniqueIgnoringCase) {
  const auto vip = store_->tags().insert(tag("VIP", "#ff0000"));
  const auto billing = store_->tags().insert(tag("billing"));
  EXPECT_THROW(store_->tags().insert(tag("vip")), DuplicateError);
  EXPECT_THROW(store_->tags().insert(tag("BILLING", "#00ff00")), DuplicateError);

  const auto found = store_->tags().find(vip);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "VIP");
  EXPECT_EQ(found->color, "#ff0000");
  EXPECT_EQ(found->created_ms, kT0);
  EXPECT_FALSE(found->archived_ms.has_value());
  EXPECT_FALSE(store_->tags().find(billing + 100).has_value());

  Tag renamed = *found;
  renamed.name = "Billing";  // the other tag's name in another case
  EXPECT_THROW(store_->tags().update(renamed), DuplicateError);
  renamed.name = "vip";  // its own name in another case is fine
  renamed.color = "";
  renamed.archived_ms = kT0 + 5;
  store_->tags().update(renamed);
  EXPECT_EQ(store_->tags().find(vip)->name, "vip");
  EXPECT_EQ(store_->tags().find(vip)->archived_ms, kT0 + 5);
  renamed.id = billing + 100;
  EXPECT_THROW(store_->tags().update(renamed), StoreError);

  EXPECT_EQ(ids_of(store_->tags().all(false)), (Ids{billing}));
  EXPECT_EQ(ids_of(store_->tags().all(true)), (Ids{vip, billing}));
}

TEST_P(TagStoreTest, SessionTagsAreAddedAndRemovedOnceEach) {
  const auto a = store_->tags().insert(tag("a"));
  const auto b = store_->tags().insert(tag("b"));
  const auto other = store_->sessions().insert(waiting(kT0 + 1));

  EXPECT_TRUE(store_->tags().add_to_session(session_, b, agent_, kT0 + 1));
  EXPECT_TRUE(store_->tags().add_to_session(session_, a, std::nullopt, kT0 + 2));
  EXPECT_FALSE(store_->tags().add_to_session(session_, a, agent_, kT0 + 3));
  EXPECT_TRUE(store_->tags().add_to_session(other, a, agent_, kT0 + 3));
  EXPECT_EQ(ids_of(store_->tags().of_session(session_)), (Ids{a, b}));
  // Who put each on and when: the first add counts, a repeated one changes nothing.
  const auto taggings = store_->tags().taggings_of(session_);
  ASSERT_EQ(taggings.size(), 2u);
  EXPECT_EQ(taggings[0].tag_id, a);
  EXPECT_FALSE(taggings[0].added_by.has_value());
  EXPECT_EQ(taggings[0].added_ms, kT0 + 2);
  EXPECT_EQ(taggings[1].tag_id, b);
  EXPECT_EQ(taggings[1].added_by, agent_);
  EXPECT_EQ(taggings[1].added_ms, kT0 + 1);

  EXPECT_TRUE(store_->tags().remove_from_session(session_, a));
  EXPECT_FALSE(store_->tags().remove_from_session(session_, a));
  EXPECT_EQ(ids_of(store_->tags().of_session(session_)), (Ids{b}));
  EXPECT_EQ(ids_of(store_->tags().of_session(other)), (Ids{a}));
  ASSERT_EQ(store_->tags().taggings_of(session_).size(), 1u);
  EXPECT_EQ(store_->tags().taggings_of(session_)[0].tag_id, b);

  // An archived tag stays on the conversations that have it.
  Tag archived = *store_->tags().find(b);
  archived.archived_ms = kT0 + 9;
  store_->tags().update(archived);
  EXPECT_EQ(ids_of(store_->tags().of_session(session_)), (Ids{b}));
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(TagStoreTest);

}  // namespace
}  // namespace livedesk::store
