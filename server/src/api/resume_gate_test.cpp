#include "api/resume_gate.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/chat_json.hpp"

namespace livedesk::api {
namespace {

// A connection that records what would go on the wire.
class RecordingConnection final : public WsConnection {
 public:
  void send(const realtime::Frame& frame) override { sent.push_back(*frame); }
  void send_latest(const realtime::Frame& frame, int) override { sent.push_back(*frame); }
  void close(int, std::string) override {}
  void authenticated() override {}
  const std::string& client_address() const override { return address_; }
  std::vector<std::string> sent;

 private:
  std::string address_ = "127.0.0.1";
};

realtime::Frame message(std::int64_t session, std::int64_t seq) {
  domain::MessageView m;
  m.session_id = session;
  m.seq = seq;
  m.sender_type = "customer";
  m.body = "m" + std::to_string(seq);
  return event_frame("message_created", {{"session_id", session}, {"message", message_json(m)}});
}

std::vector<std::int64_t> seqs(const std::vector<std::string>& frames) {
  std::vector<std::int64_t> out;
  for (const auto& f : frames)
    if (auto p = message_frame_position(f)) out.push_back(p->second);
  return out;
}

TEST(ResumeGate, HoldsLiveFramesUntilTheHistoryIsSentThenDropsWhatItCovers) {
  auto connection = std::make_shared<RecordingConnection>();
  ResumeGate gate(connection);
  gate.deliver(message(7, 3));  // committed after the subscription, also in the history
  gate.deliver(message(7, 4));  // committed after the history was read
  gate.deliver(message(8, 1));  // another session the history does not cover
  EXPECT_TRUE(connection->sent.empty());

  std::vector<realtime::Frame> first{event_frame("auth_success", {}), message(7, 2), message(7, 3)};
  gate.open(first, {{7, 3}});
  EXPECT_EQ(seqs(connection->sent), (std::vector<std::int64_t>{2, 3, 4, 1}));
  EXPECT_NE(connection->sent.front().find("auth_success"), std::string::npos);

  gate.deliver(message(7, 5));  // once open, frames pass straight through
  EXPECT_EQ(seqs(connection->sent).back(), 5);
}

TEST(ResumeGate, MessagesTheClientAlreadyHadAreDroppedEvenWithAnEmptyHistory) {
  auto connection = std::make_shared<RecordingConnection>();
  ResumeGate gate(connection);
  gate.deliver(message(7, 9));
  gate.deliver(event_frame("session_update", {{"session_id", 7}}));
  gate.open({}, {{7, 9}});
  ASSERT_EQ(connection->sent.size(), 1u);
  EXPECT_NE(connection->sent[0].find("session_update"), std::string::npos);
}

TEST(ResumeGate, OtherFramesAreNeverMistakenForMessages) {
  EXPECT_FALSE(message_frame_position(R"({"type":"session_update","data":{"note":"message_created"}})"));
  EXPECT_FALSE(message_frame_position("not json \"message_created\""));
  auto position = message_frame_position(*message(3, 11));
  ASSERT_TRUE(position);
  EXPECT_EQ(position->first, 3);
  EXPECT_EQ(position->second, 11);
}

}  // namespace
}  // namespace livedesk::api
