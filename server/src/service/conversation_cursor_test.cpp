// The conversation list's cursor: what encode() makes decodes to the same cursor, and nothing else decodes.
#include "service/conversation_cursor.hpp"

#include <gtest/gtest.h>

#include <string>

namespace livedesk::service {
namespace {

TEST(ConversationCursor, NewestAndRelevanceCursorsRoundTrip) {
  ConversationCursor newest;
  newest.query = "\"tent zipper\" -refund";
  newest.filters = "0123456789abcdef";
  newest.last_id = 4711;
  const auto back = ConversationCursor::decode(newest.encode());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->query, newest.query);
  EXPECT_EQ(back->filters, newest.filters);
  EXPECT_FALSE(back->relevance);
  EXPECT_EQ(back->last_id, 4711);

  ConversationCursor ranked = newest;
  ranked.query = "müller";
  ranked.relevance = true;
  ranked.score = -1234567;
  ranked.max_id = 90000;
  const auto again = ConversationCursor::decode(ranked.encode());
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->relevance);
  EXPECT_EQ(again->query, "müller");
  EXPECT_EQ(again->score, -1234567);
  EXPECT_EQ(again->max_id, 90000);
  EXPECT_EQ(again->last_id, 4711);
}

TEST(ConversationCursor, OnlyWhatEncodeMadeDecodes) {
  ConversationCursor c;
  c.filters = "f";
  c.last_id = 3;
  const std::string good = c.encode();
  EXPECT_EQ(good.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  for (const std::string& bad :
       {std::string(""), std::string("nonsense"), good + "=", good.substr(1), std::string("e30"),
        base64url_encode("[1,2]"), base64url_encode(R"({"q":"","f":"f","i":-1,"o":"newest"})"),
        base64url_encode(R"({"q":"","f":"f","i":1,"o":"oldest"})"),
        base64url_encode(R"({"q":"","f":"f","i":1,"o":"relevance","m":5})"),
        base64url_encode(R"({"q":"","f":"f","i":1.5,"o":"newest"})"), std::string(5000, 'A')})
    EXPECT_FALSE(ConversationCursor::decode(bad).has_value()) << bad;
}

TEST(ConversationCursor, Base64UrlHasOneSpellingPerText) {
  const std::string texts[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\xff\xfe\x00\x01", 4)};
  for (const auto& text : texts) {
    const auto encoded = base64url_encode(text);
    EXPECT_EQ(encoded.find('='), std::string::npos);
    EXPECT_EQ(base64url_decode(encoded), text) << encoded;
  }
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_decode("Zg"), "f");
  EXPECT_FALSE(base64url_decode("Zh").has_value());  // the same byte with stray low bits
  EXPECT_FALSE(base64url_decode("Z").has_value());
  EXPECT_FALSE(base64url_decode("Zm9v+g").has_value());  // base64, not base64url
}

}  // namespace
}  // namespace livedesk::service
