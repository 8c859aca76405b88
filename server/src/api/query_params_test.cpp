// Query strings: values decoded as url_view::params() decodes them, and a query
// with a fragment refused (found by query_params_fuzz, server/fuzz/; its input is corpus/query_params/fragment).
#include "api/query_params.hpp"

#include <gtest/gtest.h>

#include "api/api_error.hpp"

namespace livedesk::api {
namespace {

std::string refusal_code(std::string_view query, std::string_view key) {
  try {
    query_value(query, key);
  } catch (const ApiError& error) {
    return std::to_string(error.status()) + " " + error.code();
  }
  return "accepted";
}

TEST(QueryParams, ValuesArePercentDecodedAndPlusIsASpace) {
  EXPECT_EQ(query_value("limit=5&q=ann%20b+c", "q"), "ann b c");
  EXPECT_EQ(query_value("limit=5&q=x", "limit"), "5");
  EXPECT_EQ(query_value("limit=5", "q"), std::nullopt);
  EXPECT_EQ(query_value("", "q"), std::nullopt);
  EXPECT_EQ(query_int("limit=7", "limit", 50, 1, 500), 7);
  EXPECT_EQ(query_int("", "limit", 50, 1, 500), 50);
}

TEST(QueryParams, AFragmentIsRefusedNotReadPastTheEnd) {
  EXPECT_EQ(refusal_code("#q=a", "q"), "400 invalid_query");
  EXPECT_EQ(refusal_code("#q=a", ""), "400 invalid_query");
  EXPECT_EQ(refusal_code("a=1#q=a", "a"), "400 invalid_query");
  EXPECT_EQ(refusal_code("q=%zz", "q"), "400 invalid_query");
}

}  // namespace
}  // namespace livedesk::api
