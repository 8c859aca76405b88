// The conversation list's query string: what each parameter becomes, and a 400 naming the parameter for anything
// else (docs/api.md, "Conversations and search").
#include "api/conversation_routes.hpp"

#include <gtest/gtest.h>

#include "api/api_error.hpp"

namespace livedesk::api {
namespace {

// "400 <code>: <message>", or "accepted".
std::string refusal(std::string_view query) {
  try {
    conversation_query(query);
  } catch (const ApiError& error) {
    return std::to_string(error.status()) + " " + error.code() + ": " + error.what();
  }
  return "accepted";
}

TEST(ConversationQuery, EveryParameterIsRead) {
  const auto q = conversation_query(
      "status=closed,active&agent_id=3&customer_id=9&tag_id=4,2&disposition_id=7&close_reason=resolved&rating=5,1"
      "&from=2026-11-01&to=2026-11-24&q=%22tent+zipper%22+-refund&sort=relevance&limit=10&cursor=abc");
  EXPECT_EQ(q.statuses, (std::vector<std::string>{"closed", "active"}));
  EXPECT_EQ(q.agent_id, 3);
  EXPECT_EQ(q.customer_id, 9);
  EXPECT_EQ(q.tag_ids, (std::vector<std::int64_t>{4, 2}));
  EXPECT_EQ(q.disposition_id, 7);
  EXPECT_EQ(q.close_reason, "resolved");
  EXPECT_EQ(q.ratings, (std::vector<int>{5, 1}));
  EXPECT_EQ(q.from, (domain::CivilDate{2026, 11, 1}));
  EXPECT_EQ(q.to, (domain::CivilDate{2026, 11, 24}));
  ASSERT_TRUE(q.search.has_value());
  EXPECT_EQ(q.search->terms().size(), 2u);
  EXPECT_TRUE(q.relevance);
  EXPECT_EQ(q.limit, 10);
  EXPECT_EQ(q.cursor, "abc");
}

TEST(ConversationQuery, NothingGivenFiltersNothing) {
  const auto q = conversation_query("q=+++&cursor=");
  EXPECT_TRUE(q.statuses.empty());
  EXPECT_FALSE(q.search.has_value());  // a blank q is no search
  EXPECT_FALSE(q.relevance);
  EXPECT_EQ(q.limit, 25);
  EXPECT_FALSE(q.cursor.has_value());
}

TEST(ConversationQuery, EachBadParameterIsA400NamingIt) {
  const std::pair<const char*, const char*> cases[] = {
      {"status=open", "400 invalid_query: query parameter 'status' has an unknown value 'open'"},
      {"status=closed,", "400 invalid_query: query parameter 'status' has an empty item"},
      {"agent_id=ann", "400 invalid_query: query parameter 'agent_id' must be a positive integer id"},
      {"customer_id=0", "400 invalid_query: query parameter 'customer_id'"},
      {"tag_id=1,x", "400 invalid_query: query parameter 'tag_id'"},
      {"disposition_id=-2", "400 invalid_query: query parameter 'disposition_id'"},
      {"close_reason=done", "400 invalid_query: query parameter 'close_reason' has an unknown value 'done'"},
      {"rating=6", "400 invalid_query: query parameter 'rating'"},
      {"rating=1,45", "400 invalid_query: query parameter 'rating'"},
      {"from=2026-02-30", "400 invalid_query: query parameter 'from' must be a date YYYY-MM-DD"},
      {"to=yesterday", "400 invalid_query: query parameter 'to' must be a date"},
      {"from=2026-11-24&to=2026-11-23", "400 invalid_query: query parameter 'to' is before 'from'"},
      {"limit=0", "400 invalid_query: query parameter 'limit'"},
      {"limit=101", "400 invalid_query: query parameter 'limit'"},
      {"sort=oldest", "400 invalid_query: query parameter 'sort' has an unknown value 'oldest'"},
      {"sort=relevance", "400 invalid_query: query parameter 'sort' is relevance, which needs a search"},
      {"q=%22unclosed", "400 bad_query: "},
      {"q=-only", "400 bad_query: "},
      {"q=a*", "400 bad_query: "},
  };
  for (const auto& [query, expected] : cases)
    EXPECT_EQ(refusal(query).rfind(expected, 0), 0u) << query << " -> " << refusal(query);
  EXPECT_EQ(refusal("q=" + std::string(1025, 'a')).rfind("400 bad_query: q is longer than 1024 bytes", 0), 0u);
  EXPECT_EQ(refusal("q=" + std::string(1000, 'a')), "accepted");
}

}  // namespace
}  // namespace livedesk::api
