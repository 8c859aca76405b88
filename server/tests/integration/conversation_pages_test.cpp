// Conversation pages while new chats start (docs/api.md, "Conversations and search", pagination), against the real
// binary on SQLite and PostgreSQL: pages of newest order, with and without a search, and of relevance, with new
// matching chats started between every two pages, add up to exactly what existed when the first page was read, each
// conversation once.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "support/cluster_support.hpp"
#include "support/conversation_support.hpp"
#include "support/tools_support.hpp"

namespace livedesk::it::tools {
namespace {
namespace json = boost::json;

// Pages of newest order, with and without a search, and of relevance, while new chats start between them: the
// pages together are exactly what existed when the first page was read, each once.
void pages_while_chats_start(ToolsFloor& f) {
  const auto port = f.port();
  const std::string& ann = f.ann.token;
  Ids before;
  for (int i = 0; i < 7; ++i)
    before.insert(before.begin(),
                  open_chat(port, "", "Pager " + std::to_string(i), "pager" + std::to_string(i) + "@example.com", "",
                            "pagination marker " + std::to_string(i))
                      .session_id);
  wait_all_found(port, ann, "marker");
  ASSERT_EQ(found(port, ann, "marker"), before);

  int started = 0;
  auto walk = [&](const std::string& query) {
    Ids seen;
    std::string cursor;
    for (int pages = 0; pages < 20; ++pages) {
      const auto p = page(port, ann, query + cursor);
      for (auto id : ids_of(p)) seen.push_back(id);
      // New chats that match everything, the search included, between every two pages.
      for (int k = 0; k < 2; ++k, ++started)
        open_chat(port, "", "Late " + std::to_string(started), "late" + std::to_string(started) + "@example.com", "",
                  "pagination marker late");
      if (p.at("next_cursor").is_null()) break;
      cursor = "&cursor=" + url_encoded(std::string(p.at("next_cursor").as_string()));
    }
    return seen;
  };
  // Newest, no search: every conversation that existed at the first page, newest first, once each.
  const Ids existing = ids_of(page(port, ann, "limit=100"));
  EXPECT_EQ(walk("limit=3"), existing);
  // Newest with a search: the late chats are indexed as the walk goes on, yet never join it.
  wait_all_found(port, ann, "marker");
  const Ids matching = found(port, ann, "marker", "limit=100");
  EXPECT_EQ(walk("q=marker&limit=3"), matching);
  // Relevance: the window is fixed by the first page; new conversations do not enter it.
  wait_all_found(port, ann, "marker");
  const Ids window = found(port, ann, "marker", "limit=100");
  const Ids ranked = walk("q=marker&sort=relevance&limit=4");
  EXPECT_EQ(ranked.size(), window.size());
  EXPECT_EQ(std::set<std::int64_t>(ranked.begin(), ranked.end()), std::set<std::int64_t>(window.begin(), window.end()));
}

TEST(Conversations, PagesStayStableWhileChatsStartOnSqlite) {
  ToolsFloor f(search_server_args(std::nullopt));
  pages_while_chats_start(f);
}

TEST(Conversations, PagesStayStableWhileChatsStartOnPostgres) {
  std::optional<TestDatabase> database;
  database.emplace();
  ToolsFloor f(search_server_args(database));
  pages_while_chats_start(f);
}

}  // namespace
}  // namespace livedesk::it::tools
