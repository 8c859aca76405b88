// Messages and receipts, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;

// The chat fixture: one agent, one customer.
class MessageStoreTest : public test_support::ChatStoreTest {};

TEST_P(MessageStoreTest, MessagesAfterPagesInSeqOrderWithAttachments) {
  const auto session = store_->sessions().insert(waiting());
  const auto other = store_->sessions().insert(waiting());
  for (std::int64_t seq : {3, 1, 5, 2, 4}) store_->messages().insert(message(session, seq));
  store_->messages().insert(message(other, 1));
  Message with_file = message(session, 6, "agent");
  with_file.type = "file";
  with_file.attachment = Attachment{.name = "log.txt", .mime = "text/plain", .size = 1234, .url = "/files/abc"};
  store_->messages().insert(with_file);

  const auto page1 = store_->messages().after(session, 0, 2);
  ASSERT_EQ(page1.size(), 2u);
  EXPECT_EQ(page1[0].seq, 1);
  EXPECT_EQ(page1[1].seq, 2);
  EXPECT_EQ(page1[0].body, "message 1");
  EXPECT_EQ(page1[0].sender_type, "customer");
  EXPECT_EQ(page1[0].status, "sent");
  EXPECT_EQ(page1[0].type, "text");
  EXPECT_EQ(page1[0].created_ms, kT0 + 1);
  EXPECT_FALSE(page1[0].sender_user_id || page1[0].client_msg_id || page1[0].attachment);

  const auto page2 = store_->messages().after(session, page1.back().seq, 10);
  ASSERT_EQ(page2.size(), 4u);
  EXPECT_EQ(page2[0].seq, 3);
  EXPECT_EQ(page2[3].seq, 6);
  EXPECT_EQ(page2[3].sender_user_id, agent_);
  ASSERT_TRUE(page2[3].attachment.has_value());
  EXPECT_EQ(page2[3].attachment->name, "log.txt");
  EXPECT_EQ(page2[3].attachment->mime, "text/plain");
  EXPECT_EQ(page2[3].attachment->size, 1234);
  EXPECT_EQ(page2[3].attachment->url, "/files/abc");
  EXPECT_EQ(page2[3].type, "file");

  EXPECT_TRUE(store_->messages().after(session, 6, 10).empty());
  EXPECT_TRUE(store_->messages().after(session, 0, 0).empty());
  EXPECT_TRUE(store_->messages().after(session, 0, -1).empty());
  EXPECT_EQ(store_->messages().after(other, 0, 10).size(), 1u);
}

TEST_P(MessageStoreTest, DuplicateSeqOrClientMsgIdThrowsDuplicateError) {
  const auto session = store_->sessions().insert(waiting());
  auto first = message(session, 1);
  first.client_msg_id = "c-1";
  store_->messages().insert(first);

  EXPECT_THROW(store_->messages().insert(message(session, 1, "agent")), DuplicateError);  // same seq
  auto resend = message(session, 2);
  resend.client_msg_id = "c-1";
  EXPECT_THROW(store_->messages().insert(resend), DuplicateError);  // same sender, same client id

  auto from_agent = message(session, 2, "agent");
  from_agent.client_msg_id = "c-1";  // another sender_type may reuse the id
  EXPECT_NO_THROW(store_->messages().insert(from_agent));
  EXPECT_NO_THROW(store_->messages().insert(message(session, 3)));  // NULL client ids never collide
  EXPECT_NO_THROW(store_->messages().insert(message(session, 4)));

  auto anonymous_agent = message(session, 5, "agent");
  anonymous_agent.sender_user_id.reset();
  try {
    store_->messages().insert(anonymous_agent);
    FAIL() << "agent message without a sender accepted";
  } catch (const DuplicateError&) {
    FAIL() << "CHECK violation reported as duplicate";
  } catch (const StoreError&) {
  }
  EXPECT_THROW(store_->messages().insert(message(session + 100, 1)), StoreError);  // no such session
}

TEST_P(MessageStoreTest, FindsMessageByClientId) {
  const auto session = store_->sessions().insert(waiting());
  auto m = message(session, 1);
  m.client_msg_id = "abc";
  const auto id = store_->messages().insert(m);

  const auto found = store_->messages().find_by_client_id(session, "customer", "abc");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->seq, 1);
  EXPECT_EQ(found->client_msg_id, "abc");
  EXPECT_FALSE(store_->messages().find_by_client_id(session, "agent", "abc").has_value());
  EXPECT_FALSE(store_->messages().find_by_client_id(session, "customer", "ABC").has_value());
  EXPECT_FALSE(store_->messages().find_by_client_id(session + 1, "customer", "abc").has_value());
}

TEST_P(MessageStoreTest, AdvanceMessageStatusMovesForwardOnlyForTheGivenSender) {
  const auto session = store_->sessions().insert(waiting());
  for (std::int64_t seq = 1; seq <= 4; ++seq) store_->messages().insert(message(session, seq, "agent"));
  store_->messages().insert(message(session, 5, "customer"));
  auto failed = message(session, 6, "agent");
  failed.status = "failed";
  store_->messages().insert(failed);
  auto status_of = [&](std::int64_t seq) { return store_->messages().after(session, seq - 1, 1).at(0).status; };

  EXPECT_EQ(store_->messages().advance_status(session, "agent", 2, "read"), 2);
  EXPECT_EQ(store_->messages().advance_status(session, "agent", 3, "delivered"), 1);  // 1, 2 stay read
  EXPECT_EQ(status_of(1), "read");
  EXPECT_EQ(status_of(2), "read");
  EXPECT_EQ(status_of(3), "delivered");
  EXPECT_EQ(status_of(4), "sent");
  EXPECT_EQ(store_->messages().advance_status(session, "agent", 3, "delivered"), 0);  // idempotent
  EXPECT_EQ(store_->messages().advance_status(session, "agent", 100, "sent"), 0);

  EXPECT_EQ(store_->messages().advance_status(session, "agent", 100, "read"), 2);  // 3 and 4; failed 6 stays
  EXPECT_EQ(status_of(5), "sent");  // the customer's own message is untouched
  EXPECT_EQ(status_of(6), "failed");
  EXPECT_EQ(store_->messages().advance_status(session, "customer", 100, "delivered"), 1);
  EXPECT_EQ(status_of(5), "delivered");
  EXPECT_THROW(store_->messages().advance_status(session, "agent", 100, "failed"), StoreError);
  EXPECT_THROW(store_->messages().advance_status(session, "agent", 100, "bogus"), StoreError);
}

TEST_P(MessageStoreTest, LastMessageIsTheHighestSeq) {
  const auto session = store_->sessions().insert(waiting());
  EXPECT_FALSE(store_->messages().last(session).has_value());
  store_->messages().insert(message(session, 2));
  store_->messages().insert(message(session, 1));
  const auto last = store_->messages().last(session);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->seq, 2);
  EXPECT_EQ(last->body, "message 2");
}

TEST_P(MessageStoreTest, HostileStringsRoundTrip) {
  const std::string quotes = "o'brien \"; DROP TABLE messages; -- \\ %_";
  const std::string unicode = "ünïcödé 日本語 🙂 \u202e";
  const Contact customer = store_->contacts().upsert(quotes + unicode, "o'brien@example.com", kT0);
  EXPECT_EQ(store_->contacts().find(customer.id)->name, quotes + unicode);

  auto session = waiting(kT0, customer.id);
  session.subject = unicode;
  const auto id = store_->sessions().insert(session);
  EXPECT_EQ(store_->sessions().find(id)->subject, unicode);

  std::string big;  // 8 KiB of whole UTF-8 characters
  while (big.size() + unicode.size() + quotes.size() <= 8192) big += unicode + quotes;
  big.append(8192 - big.size(), 'x');
  auto m = message(id, 1);
  m.body = big;
  m.client_msg_id = quotes;
  m.attachment = Attachment{.name = quotes, .mime = unicode, .size = 0, .url = quotes + unicode};
  store_->messages().insert(m);
  const auto found = store_->messages().find_by_client_id(id, "customer", quotes);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->body, big);
  EXPECT_EQ(found->attachment->name, quotes);
  EXPECT_EQ(found->attachment->mime, unicode);
  EXPECT_EQ(found->attachment->url, quotes + unicode);
  EXPECT_EQ(store_->messages().after(id, 0, 10).size(), 1u);  // the table survived
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(MessageStoreTest);

}  // namespace
}  // namespace livedesk::store
