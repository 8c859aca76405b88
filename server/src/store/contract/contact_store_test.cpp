// Customers, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;

// The chat fixture: one agent, one customer.
class ContactStoreTest : public test_support::ChatStoreTest {};

TEST_P(ContactStoreTest, UpsertCustomerTwiceKeepsOneRowAndUpdatesName) {
  const Contact first = store_->contacts().upsert("Dan", "dan@example.com", kT0 + 5);
  const Contact second = store_->contacts().upsert("Daniel", "dan@example.com", kT0 + 9);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.name, "Daniel");
  EXPECT_EQ(second.email, "dan@example.com");
  EXPECT_EQ(second.created_ms, kT0 + 5);  // the first sighting stays

  const auto found = store_->contacts().find(first.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Daniel");
  EXPECT_FALSE(store_->contacts().find(first.id + 100).has_value());
  EXPECT_EQ(db_->number("SELECT count(*) FROM customers WHERE email = 'dan@example.com'"), 1);
  // The schema refuses an email the caller forgot to lowercase.
  EXPECT_THROW(store_->contacts().upsert("Eve", "Eve@Example.com", kT0), StoreError);
}

TEST_P(ContactStoreTest, FindCustomerByEmailIsAnExactMatch) {
  const auto found = store_->contacts().find_by_email("carla@example.com");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, customer_);
  EXPECT_EQ(found->name, "Carla");
  EXPECT_EQ(found->email, "carla@example.com");
  EXPECT_EQ(found->created_ms, kT0);
  EXPECT_FALSE(store_->contacts().find_by_email("Carla@example.com").has_value());
  EXPECT_FALSE(store_->contacts().find_by_email("carla@example").has_value());
}

// A contact with no email yet, as the widget's visitor route makes it.
Contact visitor(std::string visitor_id, std::int64_t seen_ms) {
  Contact c;
  c.name = "Visitor";
  c.visitor_id = std::move(visitor_id);
  c.created_ms = c.updated_ms = seen_ms;
  c.last_seen_ms = seen_ms;
  return c;
}

TEST_P(ContactStoreTest, AnonymousContactsHaveNoEmailAndAreFoundByTheirIds) {
  Contact v = visitor("visitor-abc-123", kT0 + 10);
  v.external_id = "user-7";
  v.attributes = R"({"plan":"pro"})";
  const auto id = store_->contacts().insert(v);
  const auto found = store_->contacts().find_by_visitor_id("visitor-abc-123");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->email, "");
  EXPECT_EQ(found->identity_verified, 0);
  EXPECT_EQ(found->attributes, R"({"plan":"pro"})");
  EXPECT_EQ(found->last_seen_ms, kT0 + 10);
  EXPECT_EQ(store_->contacts().find_by_external_id("user-7")->id, id);
  EXPECT_FALSE(store_->contacts().find_by_external_id("user-8").has_value());
  // Two anonymous contacts may both have no email; a visitor id belongs to one.
  EXPECT_NE(store_->contacts().insert(visitor("visitor-other-1", kT0)), id);
  EXPECT_THROW(store_->contacts().insert(visitor("visitor-abc-123", kT0)), DuplicateError);
  EXPECT_EQ(db_->number("SELECT count(*) FROM customers WHERE email IS NULL"), 2);
}

TEST_P(ContactStoreTest, UpdateWritesEveryFieldAndRefusesATakenEmail) {
  const auto id = store_->contacts().insert(visitor("visitor-abc-123", kT0));
  Contact c = *store_->contacts().find(id);
  c.name = "Vera";
  c.email = "vera@example.com";
  c.external_id = "u-1";
  c.identity_verified = 1;
  c.attributes = R"({"a":1})";
  c.updated_ms = kT0 + 5;
  store_->contacts().update(c);
  const Contact read = *store_->contacts().find(id);
  EXPECT_EQ(read.name, "Vera");
  EXPECT_EQ(read.email, "vera@example.com");
  EXPECT_EQ(read.external_id, "u-1");
  EXPECT_EQ(read.identity_verified, 1);
  EXPECT_EQ(read.attributes, R"({"a":1})");
  EXPECT_EQ(read.updated_ms, kT0 + 5);
  EXPECT_EQ(read.created_ms, kT0);

  c.email = "carla@example.com";  // the fixture's customer has it
  EXPECT_THROW(store_->contacts().update(c), DuplicateError);
  c.id = id + 100;
  c.email = "";
  EXPECT_THROW(store_->contacts().update(c), StoreError);
}

TEST_P(ContactStoreTest, TouchNeverMovesLastSeenBackwards) {
  store_->contacts().touch(customer_, kT0 + 50);
  store_->contacts().touch(customer_, kT0 + 20);
  EXPECT_EQ(store_->contacts().find(customer_)->last_seen_ms, kT0 + 50);
}

TEST_P(ContactStoreTest, ListIsNewestSightingFirstWithAKeysetCursorAndAQuery) {
  // customer_ (Carla) seen at kT0.
  const auto dan = store_->contacts().upsert("Dan Brown", "dan@example.com", kT0 + 30).id;
  const auto dana = store_->contacts().upsert("Dana", "d.smith@example.com", kT0 + 30).id;
  Contact ext = visitor("visitor-ext-0001", kT0 + 40);
  ext.name = "Zed";
  ext.external_id = "crm-42";
  const auto zed = store_->contacts().insert(ext);

  EXPECT_EQ(test_support::ids_of(store_->contacts().list("", std::nullopt, 10)),
            (test_support::Ids{zed, dana, dan, customer_}));
  const auto first = store_->contacts().list("", std::nullopt, 2);
  ASSERT_EQ(first.size(), 2u);
  const ContactCursor cursor{*first.back().last_seen_ms, first.back().id};
  EXPECT_EQ(test_support::ids_of(store_->contacts().list("", cursor, 10)), (test_support::Ids{dan, customer_}));

  EXPECT_EQ(test_support::ids_of(store_->contacts().list("DAN", std::nullopt, 10)), (test_support::Ids{dana, dan}));
  EXPECT_EQ(test_support::ids_of(store_->contacts().list("d.s", std::nullopt, 10)), (test_support::Ids{dana}));
  EXPECT_EQ(test_support::ids_of(store_->contacts().list("crm-42", std::nullopt, 10)), (test_support::Ids{zed}));
  EXPECT_TRUE(store_->contacts().list("crm-4", std::nullopt, 10).empty());  // external ids match exactly
  EXPECT_TRUE(store_->contacts().list("%", std::nullopt, 10).empty());      // LIKE wildcards are plain text
  // A search pages like the list, ties in the sighting broken by id.
  const auto by_prefix = store_->contacts().list("d", std::nullopt, 1);
  ASSERT_EQ(by_prefix.size(), 1u);
  EXPECT_EQ(by_prefix[0].id, dana);
  EXPECT_EQ(test_support::ids_of(store_->contacts().list("d", ContactCursor{kT0 + 30, dana}, 10)),
            (test_support::Ids{dan}));
  // A prefix matches the start of the name or of the email, not the middle.
  EXPECT_EQ(test_support::ids_of(store_->contacts().list("brown", std::nullopt, 10)), test_support::Ids{});
  EXPECT_EQ(test_support::ids_of(store_->contacts().list("dan@", std::nullopt, 10)), (test_support::Ids{dan}));
}

TEST_P(ContactStoreTest, StatsAndConversationsAreCountedFromTheSessions) {
  EXPECT_EQ(store_->contacts().stats(customer_).chat_count, 0);
  const auto one = store_->sessions().insert(closed(kT0, kT0 + 10, agent_));
  const auto two = store_->sessions().insert(closed(kT0 + 20, kT0 + 30, agent_));
  const auto three = store_->sessions().insert(waiting(kT0 + 40));
  store_->ratings().insert(CsatRating{one, 5, "", kT0 + 11});
  store_->ratings().insert(CsatRating{two, 2, "", kT0 + 31});
  const ContactStats stats = store_->contacts().stats(customer_);
  EXPECT_EQ(stats.chat_count, 3);
  EXPECT_EQ(stats.rating_count, 2);
  EXPECT_EQ(stats.rating_sum, 7);

  // A page's stats in one read, in the order asked, a contact without conversations counted as none.
  const auto quiet = store_->contacts().upsert("Quiet", "quiet@example.com", kT0).id;
  const auto page = store_->contacts().stats_of({quiet, customer_});
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].chat_count, 0);
  EXPECT_EQ(page[0].rating_count, 0);
  EXPECT_EQ(page[1].chat_count, 3);
  EXPECT_EQ(page[1].rating_sum, 7);
  EXPECT_TRUE(store_->contacts().stats_of({}).empty());

  const auto list = store_->contacts().conversations(customer_, 2);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, three);
  EXPECT_EQ(list[0].status, "waiting");
  EXPECT_FALSE(list[0].agent_id.has_value());
  EXPECT_FALSE(list[0].rating.has_value());
  EXPECT_EQ(list[1].id, two);
  EXPECT_EQ(list[1].agent_name, "Agent");
  EXPECT_EQ(list[1].rating, 2);
  EXPECT_EQ(list[1].closed_ms, kT0 + 30);
}

TEST_P(ContactStoreTest, MergeMovesConversationsNotesAndBlocks) {
  const auto other = store_->contacts().upsert("Carla B", "carla.b@example.com", kT0 + 5).id;
  const auto session = store_->sessions().insert(waiting(kT0, other));
  ContactNote note;
  note.contact_id = other;
  note.author_user_id = agent_;
  note.body = "VIP";
  note.created_ms = note.updated_ms = kT0;
  const auto note_id = store_->contacts().insert_note(note);
  CustomerBlock block;
  block.customer_id = other;
  block.email = "carla.b@example.com";
  block.created_ms = kT0;
  store_->blocks().insert(block);

  store_->run_in_transaction([&](Store& s) { s.contacts().merge(customer_, other, kT0 + 99); });

  EXPECT_EQ(store_->sessions().find(session)->customer_id, customer_);
  EXPECT_EQ(store_->contacts().find_note(note_id)->contact_id, customer_);
  EXPECT_EQ(db_->number("SELECT count(*) FROM customer_blocks WHERE customer_id = " + std::to_string(customer_)), 1);
  const Contact gone = *store_->contacts().find(other);
  EXPECT_EQ(gone.merged_into, customer_);
  EXPECT_EQ(gone.email, "");  // free for the target to take
  EXPECT_EQ(gone.updated_ms, kT0 + 99);
  EXPECT_FALSE(store_->contacts().find_by_email("carla.b@example.com").has_value());
  EXPECT_EQ(test_support::ids_of(store_->contacts().list("", std::nullopt, 10)), (test_support::Ids{customer_}));
  EXPECT_EQ(store_->contacts().stats(customer_).chat_count, 1);
}

TEST_P(ContactStoreTest, MergedFromListsTheContactsMergedStraightIntoOne) {
  const auto b = store_->contacts().upsert("B", "b@example.com", kT0).id;
  const auto c = store_->contacts().upsert("C", "c@example.com", kT0).id;
  const auto d = store_->contacts().upsert("D", "d@example.com", kT0).id;
  EXPECT_TRUE(store_->contacts().merged_from(customer_).empty());
  store_->run_in_transaction([&](Store& s) {
    s.contacts().merge(b, d, kT0 + 1);  // d into b, then b into the customer
    s.contacts().merge(customer_, c, kT0 + 2);
    s.contacts().merge(customer_, b, kT0 + 3);
  });
  EXPECT_EQ(store_->contacts().merged_from(customer_), (test_support::Ids{b, c}));
  EXPECT_EQ(store_->contacts().merged_from(b), (test_support::Ids{d}));
  EXPECT_TRUE(store_->contacts().merged_from(d).empty());
}

TEST_P(ContactStoreTest, ContactNotesAreListedNewestFirstWithTheirAuthor) {
  ContactNote note;
  note.contact_id = customer_;
  note.author_user_id = agent_;
  note.body = "first";
  note.created_ms = note.updated_ms = kT0;
  const auto first = store_->contacts().insert_note(note);
  note.body = "second";
  note.created_ms = note.updated_ms = kT0 + 1;
  const auto second = store_->contacts().insert_note(note);
  EXPECT_EQ(test_support::ids_of(store_->contacts().notes_of(customer_)), (test_support::Ids{second, first}));
  ContactNote read = *store_->contacts().find_note(first);
  EXPECT_EQ(read.author_name, "Agent");
  EXPECT_EQ(read.body, "first");
  read.body = "edited";
  read.updated_ms = kT0 + 5;
  store_->contacts().update_note(read);
  EXPECT_EQ(store_->contacts().find_note(first)->body, "edited");
  read.deleted_ms = kT0 + 6;
  store_->contacts().update_note(read);
  EXPECT_EQ(test_support::ids_of(store_->contacts().notes_of(customer_)), (test_support::Ids{second}));
  EXPECT_TRUE(store_->contacts().find_note(first)->deleted_ms.has_value());
  read.id = second + 100;
  EXPECT_THROW(store_->contacts().update_note(read), StoreError);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(ContactStoreTest);

}  // namespace
}  // namespace livedesk::store
