#include "api/chat_json.hpp"

#include <gtest/gtest.h>

namespace livedesk::api {
namespace {
namespace json = boost::json;

domain::MessageView message(std::int64_t session, std::int64_t seq) {
  domain::MessageView m;
  m.session_id = session;
  m.seq = seq;
  m.sender_type = "customer";
  m.body = "m" + std::to_string(seq);
  return m;
}

TEST(ChatJson, AMessageFrameCarriesThePositionItsTextStates) {
  const auto frame = message_created_frame(message(3, 11));
  ASSERT_TRUE(frame->message);
  EXPECT_EQ(frame->message->session_id, 3);
  EXPECT_EQ(frame->message->seq, 11);
  const auto parsed = json::parse(frame->text).as_object();
  EXPECT_EQ(parsed.at("type").as_string(), "message_created");
  EXPECT_EQ(parsed.at("data").at("session_id").as_int64(), 3);
  EXPECT_EQ(parsed.at("data").at("message").at("session_id").as_int64(), 3);
  EXPECT_EQ(parsed.at("data").at("message").at("seq").as_int64(), 11);
  EXPECT_EQ(parsed.at("data").at("message").at("body").as_string(), "m11");
}

TEST(ChatJson, OtherFramesAreNeverMistakenForMessages) {
  EXPECT_FALSE(event_frame("session_update", {{"note", "message_created"}, {"session_id", 3}})->message);
  EXPECT_FALSE(event_frame("message_ack", {{"message", message_json(message(3, 11))}})->message);
  EXPECT_FALSE(error_frame("bad_message", "message_created")->message);
}

}  // namespace
}  // namespace livedesk::api
