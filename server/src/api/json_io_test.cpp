// REST bodies: a number beyond a double's range is refused, since Boost.JSON 1.81 would read it as infinity and
// write it back as `Infinity`, which is not JSON (found by json_io_fuzz, server/fuzz/; its input is
// corpus/json_io/infinite_number).
#include "api/json_io.hpp"

#include <gtest/gtest.h>

#include "api/api_error.hpp"

namespace livedesk::api {
namespace {

std::string outcome_of(std::string body) {
  Request request;
  request.method = "POST";
  request.body = std::move(body);
  try {
    const auto object = parse_object_body(request);
    return "accepted " + boost::json::serialize(object);
  } catch (const ApiError& error) {
    return std::to_string(error.status()) + " " + error.code();
  }
}

TEST(JsonIo, ANumberBeyondADoubleIsRefused) {
  EXPECT_EQ(outcome_of(R"({"id":1e400})"), "400 invalid_json");
  EXPECT_EQ(outcome_of(R"({"a":[{"b":-1e400}]})"), "400 invalid_json");
  EXPECT_EQ(outcome_of(R"({"id":184467440737e09551616})"), "400 invalid_json");
  EXPECT_EQ(outcome_of(R"({"id":1e300,"n":-5})"), "accepted {\"id\":1E300,\"n\":-5}");
}

}  // namespace
}  // namespace livedesk::api
