// Erasure and retention (PrivacyStore), in every store: after an erasure nothing anyone wrote or sent in the
// conversation remains (bodies, attachment fields and rows, notes, subject, rating comment), the contact's
// name, email and notes are gone, and what the reports count (messages, times, ratings) stays.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;

const std::string kShaA(64, 'a');
const std::string kShaB(64, 'b');

class PrivacyStoreTest : public test_support::AgentToolsTest {
 protected:
  // A closed conversation of `customer` with a customer message carrying an attachment, an agent reply, a
  // note, a rating with a comment and the attachment's row.
  std::int64_t conversation(std::int64_t customer, std::int64_t closed_ms, const std::string& sha) {
    auto row = closed(kT0, closed_ms, agent_);
    row.customer_id = customer;
    const auto id = store_->sessions().insert(row);
    auto sent = message(id, 1);
    sent.type = "image";
    sent.body = "my card number is 4111";
    sent.attachment = Attachment{"card.png", "image/png", 3, "/api/v1/chat/sessions/" + std::to_string(id) + "/a"};
    store_->messages().insert(sent);
    store_->messages().insert(message(id, 2, "agent"));
    store_->notes().insert(note(id, "note", kT0 + 5));
    store_->ratings().insert(CsatRating{id, 4, "Carla was helped", kT0 + 9});
    store_->uploads().insert({id, sha, "card.png", "image/png", 3, kT0 + 1});
    return id;
  }
};

TEST_P(PrivacyStoreTest, AnErasedConversationKeepsItsNumbersAndNothingAnyoneWrote) {
  const auto erased = conversation(customer_, kT0 + 100, kShaA);
  const auto other_customer = store_->contacts().upsert("Olga", "olga@example.com", kT0).id;
  const auto kept = conversation(other_customer, kT0 + 200, kShaA);  // the same bytes, uploaded again elsewhere

  const auto result = store_->privacy().erase_conversation(erased, kT0 + 1000);
  EXPECT_EQ(result.messages, 2);
  EXPECT_EQ(result.attachments, 1);
  EXPECT_EQ(result.blobs, std::vector<std::string>{kShaA});

  const auto messages = store_->messages().after(erased, 0, 10);
  ASSERT_EQ(messages.size(), 2u);
  for (const auto& m : messages) {
    EXPECT_EQ(m.body, "");
    EXPECT_FALSE(m.attachment.has_value());
  }
  EXPECT_EQ(messages[0].seq, 1);
  EXPECT_EQ(messages[0].sender_type, "customer");
  EXPECT_EQ(messages[0].type, "image");
  EXPECT_EQ(messages[0].created_ms, kT0 + 1);
  EXPECT_EQ(messages[1].sender_type, "agent");
  const auto notes = store_->notes().of_session(erased);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].body, "");
  const auto rating = store_->ratings().find(erased);
  ASSERT_TRUE(rating.has_value());
  EXPECT_EQ(rating->rating, 4);
  EXPECT_EQ(rating->comment, "");
  EXPECT_EQ(rating->created_ms, kT0 + 9);
  const auto session = store_->sessions().find(erased);
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->subject, "");
  EXPECT_EQ(session->status, "closed");
  EXPECT_EQ(session->closed_ms, kT0 + 100);
  EXPECT_EQ(session->agent_id, agent_);
  EXPECT_FALSE(store_->uploads().find(erased, kShaA).has_value());

  // The other conversation is untouched, and still holds the bytes.
  EXPECT_EQ(store_->messages().after(kept, 0, 10)[0].body, "my card number is 4111");
  EXPECT_EQ(store_->notes().of_session(kept)[0].body, "a note");
  EXPECT_EQ(store_->ratings().find(kept)->comment, "Carla was helped");
  EXPECT_TRUE(store_->uploads().find(kept, kShaA).has_value());
  EXPECT_TRUE(store_->privacy().blob_in_use(kShaA));
  store_->privacy().erase_conversation(kept, kT0 + 1001);
  EXPECT_FALSE(store_->privacy().blob_in_use(kShaA));

  // Again: nothing new to clear, nothing breaks.
  const auto again = store_->privacy().erase_conversation(erased, kT0 + 2000);
  EXPECT_EQ(again.attachments, 0);
  EXPECT_TRUE(again.blobs.empty());
}

TEST_P(PrivacyStoreTest, AnErasedContactHasNoNameOrEmailAndKeepsItsConversations) {
  const auto first = conversation(customer_, kT0 + 100, kShaA);
  const auto second = conversation(customer_, kT0 + 50, kShaB);
  EXPECT_EQ(store_->privacy().conversations_of(customer_), (std::vector{session_, first, second}));  // with the fixture's waiting chat

  store_->privacy().erase_contact(customer_, kT0 + 1000);
  const auto contact = store_->contacts().find(customer_);
  ASSERT_TRUE(contact.has_value());
  EXPECT_EQ(contact->name, "Erased contact");
  EXPECT_EQ(contact->email, "");
  EXPECT_EQ(contact->created_ms, kT0);
  EXPECT_FALSE(store_->contacts().find_by_email("carla@example.com").has_value());
  // The email is free again: a new chat from it is a new contact, not the erased one.
  EXPECT_NE(store_->contacts().upsert("Carla", "carla@example.com", kT0 + 2000).id, customer_);
  EXPECT_EQ(store_->privacy().conversations_of(customer_), (std::vector{session_, first, second}));  // with the fixture's waiting chat
}

TEST_P(PrivacyStoreTest, ASessionsFilesAreListedOldestFirstUntilItIsErased) {
  const auto id = conversation(customer_, kT0 + 100, kShaA);
  store_->uploads().insert({id, kShaB, "later.pdf", "application/pdf", 7, kT0 + 50});
  store_->uploads().insert({session_, kShaB, "elsewhere.pdf", "application/pdf", 7, kT0 + 2});
  const auto files = store_->uploads().of_session(id);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].sha256, kShaA);
  EXPECT_EQ(files[0].name, "card.png");
  EXPECT_EQ(files[0].mime, "image/png");
  EXPECT_EQ(files[0].size, 3);
  EXPECT_EQ(files[0].created_ms, kT0 + 1);
  EXPECT_EQ(files[0].session_id, id);
  EXPECT_EQ(files[1].sha256, kShaB);
  EXPECT_EQ(files[1].name, "later.pdf");
  EXPECT_FALSE(store_->privacy().erased_ms(id).has_value());
  store_->privacy().erase_conversation(id, kT0 + 1000);
  EXPECT_TRUE(store_->uploads().of_session(id).empty());
  EXPECT_EQ(store_->privacy().erased_ms(id), kT0 + 1000);
  store_->privacy().erase_conversation(id, kT0 + 2000);  // the first erasure's time stays
  EXPECT_EQ(store_->privacy().erased_ms(id), kT0 + 1000);
  EXPECT_EQ(store_->uploads().of_session(session_).size(), 1u);
  EXPECT_FALSE(store_->privacy().erased_ms(id + 1000).has_value());  // no such conversation
}

TEST_P(PrivacyStoreTest, RetentionFindsClosedConversationsNotYetErasedOldestFirst) {
  const auto newer = conversation(customer_, kT0 + 300, kShaA);
  const auto oldest = conversation(customer_, kT0 + 100, kShaA);
  const auto middle = conversation(customer_, kT0 + 200, kShaB);
  store_->sessions().insert(waiting(kT0));  // open chats are never the retention's
  EXPECT_EQ(store_->privacy().closed_before(kT0 + 301, 10), (std::vector{oldest, middle, newer}));
  EXPECT_EQ(store_->privacy().closed_before(kT0 + 300, 10), (std::vector{oldest, middle}));
  EXPECT_EQ(store_->privacy().closed_before(kT0 + 301, 1), (std::vector{oldest}));
  store_->privacy().erase_conversation(oldest, kT0 + 1000);
  EXPECT_EQ(store_->privacy().closed_before(kT0 + 301, 10), (std::vector{middle, newer}));
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(PrivacyStoreTest);

}  // namespace
}  // namespace livedesk::store
