// The leader's answers as a follower decodes them: a number beyond a double's range is refused (the follower
// answers 503), since Boost.JSON 1.81 would read it as infinity and the follower would send its clients
// `Infinity`, which is not JSON (found by chat_call_outcome_fuzz, server/fuzz/).
#include "service/chat_call_codec.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace livedesk::service {
namespace {

TEST(ChatCallCodec, AnAnswerWithAnInfiniteNumberDoesNotDecode) {
  domain::SessionView view;
  view.id = 4;
  view.wait_seconds = 12.5;
  auto encoded = encode_outcome(Outcome<domain::SessionView>(view));
  const auto decoded = decode_outcome<domain::SessionView>(encoded);
  ASSERT_TRUE(std::holds_alternative<domain::SessionView>(decoded));
  EXPECT_EQ(std::get<domain::SessionView>(decoded).wait_seconds, 12.5);

  encoded.as_object()["ok"].as_object()["wait_seconds"] = boost::json::parse("1e400");
  EXPECT_THROW(decode_outcome<domain::SessionView>(encoded), std::out_of_range);
}

}  // namespace
}  // namespace livedesk::service
