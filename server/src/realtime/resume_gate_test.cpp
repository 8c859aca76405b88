#include "realtime/resume_gate.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace livedesk::realtime {
namespace {

// A socket without a socket: records what would go on the wire.
class RecordingSubscriber final : public Subscriber {
 public:
  void deliver(const Frame& frame) override { sent.push_back(frame); }
  void deliver_latest(const Frame& frame, int) override { sent.push_back(frame); }
  std::vector<Frame> sent;
};

Frame message(std::int64_t session, std::int64_t seq) {
  return make_frame(R"({"type":"message_created","data":{"message":{"seq":)" + std::to_string(seq) + "}}}",
                    MessagePosition{session, seq});
}

std::vector<std::int64_t> seqs(const std::vector<Frame>& frames) {
  std::vector<std::int64_t> out;
  for (const auto& f : frames)
    if (f->message) out.push_back(f->message->seq);
  return out;
}

TEST(ResumeGate, HoldsLiveFramesUntilTheHistoryIsSentThenDropsWhatItCovers) {
  auto connection = std::make_shared<RecordingSubscriber>();
  ResumeGate gate(connection);
  gate.deliver(message(7, 3));  // committed after the subscription, also in the history
  gate.deliver(message(7, 4));  // committed after the history was read
  gate.deliver(message(8, 1));  // another session the history does not cover
  EXPECT_TRUE(connection->sent.empty());

  std::vector<Frame> first{make_frame(R"({"type":"auth_success"})"), message(7, 2), message(7, 3)};
  gate.open(first, {{7, 3}});
  EXPECT_EQ(seqs(connection->sent), (std::vector<std::int64_t>{2, 3, 4, 1}));
  EXPECT_EQ(connection->sent.front(), first.front());  // the same buffer, not a copy

  gate.deliver(message(7, 5));  // once open, frames pass straight through
  EXPECT_EQ(seqs(connection->sent).back(), 5);
}

TEST(ResumeGate, MessagesTheClientAlreadyHadAreDroppedEvenWithAnEmptyHistory) {
  auto connection = std::make_shared<RecordingSubscriber>();
  ResumeGate gate(connection);
  gate.deliver(message(7, 9));
  gate.deliver(make_frame(R"({"type":"session_update","data":{"session_id":7}})"));
  gate.open({}, {{7, 9}});
  ASSERT_EQ(connection->sent.size(), 1u);
  EXPECT_NE(connection->sent[0]->text.find("session_update"), std::string::npos);
}

TEST(ResumeGate, OnlyFramesThatCarryAPositionAreTakenForMessages) {
  auto connection = std::make_shared<RecordingSubscriber>();
  ResumeGate gate(connection);
  // Text that looks like a covered message, but no position: never dropped.
  gate.deliver(make_frame(R"({"type":"message_created","data":{"message":{"session_id":3,"seq":1}}})"));
  gate.deliver(make_frame(R"({"type":"session_update","data":{"note":"message_created"}})"));
  gate.deliver_latest(make_frame("snapshot"), 2);
  gate.open({}, {{3, 11}});
  EXPECT_EQ(connection->sent.size(), 3u);
}

TEST(ResumeGate, AMessageTheHistoryHeldThatArrivesAfterOpenIsDroppedToo) {
  // On a follower the history comes from the leader over HTTP and the live
  // event through Redis: the event of a message in the history may come last.
  auto connection = std::make_shared<RecordingSubscriber>();
  ResumeGate gate(connection);
  gate.open({message(7, 4), message(7, 5)}, {{7, 3}});
  gate.deliver(message(7, 5));  // late: the history sent it
  gate.deliver(message(7, 6));
  gate.deliver(message(7, 6));  // the same event twice
  gate.deliver(message(9, 1));  // a session the history did not name
  EXPECT_EQ(seqs(connection->sent), (std::vector<std::int64_t>{4, 5, 6, 1}));
}

}  // namespace
}  // namespace livedesk::realtime
