#include "domain/unread_seqs.hpp"

#include <gtest/gtest.h>

using namespace livedesk::domain;

TEST(UnreadSeqs, CountsCustomerMessagesUntilTheAgentReadsThem) {
  UnreadSeqs unread;
  EXPECT_EQ(unread.count(), 0);
  for (std::int64_t seq : {2, 3, 5, 8}) unread.add(seq);  // the other seqs are the agent's
  EXPECT_EQ(unread.count(), 4);
  unread.read_up_to(4);
  EXPECT_EQ(unread.count(), 2);
  unread.read_up_to(4);  // the same receipt again changes nothing
  EXPECT_EQ(unread.count(), 2);
  unread.read_up_to(8);
  EXPECT_EQ(unread.count(), 0);
  EXPECT_EQ(unread.held(), 0u);
}

TEST(UnreadSeqs, AMillionUnreadMessagesHoldOnlyTheNewestSeqs) {
  UnreadSeqs unread;
  for (std::int64_t seq = 1; seq <= 1'000'000; ++seq) {
    unread.add(seq);
    ASSERT_LE(unread.held(), UnreadSeqs::kept);
  }
  EXPECT_EQ(unread.count(), 1'000'000);
  EXPECT_EQ(unread.held(), UnreadSeqs::kept);
  // A receipt among the held seqs clears exactly the older ones, the dropped ones included.
  unread.read_up_to(1'000'000 - 10);
  EXPECT_EQ(unread.count(), 10);
  unread.read_up_to(1'000'000);
  EXPECT_EQ(unread.count(), 0);
}

TEST(UnreadSeqs, AReceiptBeforeEveryDroppedSeqClearsNone) {
  UnreadSeqs unread;
  const auto total = std::int64_t(UnreadSeqs::kept) + 50;
  for (std::int64_t seq = 101; seq <= 100 + total; ++seq) unread.add(seq);
  unread.read_up_to(100);
  EXPECT_EQ(unread.count(), total);
}

TEST(UnreadSeqs, AReceiptAmongTheDroppedSeqsOverCountsNeverUnder) {
  UnreadSeqs unread;
  const auto total = std::int64_t(UnreadSeqs::kept) + 50;  // seqs 1..total; 1..50 dropped from memory
  for (std::int64_t seq = 1; seq <= total; ++seq) unread.add(seq);
  unread.read_up_to(20);  // truly unread: total - 20
  EXPECT_GE(unread.count(), total - 20);
  EXPECT_LE(unread.count(), total);
  unread.read_up_to(50);  // covers every dropped seq: exact again
  EXPECT_EQ(unread.count(), total - 50);
}
