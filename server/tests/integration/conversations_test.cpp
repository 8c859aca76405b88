// Conversations as history (docs/api.md, "Conversations and search") against the real binary, on SQLite and on
// PostgreSQL: the filters, the search's meaning (words, phrases, prefixes, exclusions, folded case and accents,
// non-Latin scripts), notes found by staff, snippets, relevance, the transcript, who may read, the refusals and an
// erased conversation (pages while chats start: conversation_pages_test.cpp). The search index follows the event
// log every --search-index-ms (50 here; open conversations after --search-index-delay-ms, 10 here): the test waits
// for each conversation's last write to be searchable by polling the route, with a deadline.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/cluster_support.hpp"
#include "support/conversation_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/tools_support.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it::tools {
namespace {
namespace json = boost::json;

std::string utc_date(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[11];
  std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
  return out;
}

void history_filters_and_search(ToolsFloor& f, bool postgres) {
  const auto port = f.port();
  const std::string& ann = f.ann.token;

  // The cast: a Latin name with an accent, an invoice with a note and a whisper, Cyrillic, Greek, Japanese.
  const auto greek = open_chat(port, ann, "Eleni", "eleni@example.com", "Delivery", "Καλημέρα, η παραγγελία άργησε");
  // A transfer asked and declined, so the transcript has one.
  const auto transfer = expect(call(port, "POST", session_path(greek.session_id, "/transfers"), ann,
                                    json::object{{"to_agent_id", f.ben.id}, {"reason", "greek speaker"}}),
                               201, "transfer");
  expect(call(port, "POST", "/api/v1/transfers/" + sid(transfer.at("transfer").at("id").as_int64()) + "/decline",
              f.ben.token),
         200, "decline");
  const auto solved =
      expect(call(port, "POST", "/api/v1/admin/dispositions", f.ada.token, json::object{{"name", "Solved"}}), 201,
             "disposition")
          .at("disposition")
          .at("id")
          .as_int64();
  expect(call(port, "POST", session_path(greek.session_id, "/close"), ann, json::object{{"disposition_id", solved}}),
         200, "close greek");
  expect(call(port, "POST", session_path(greek.session_id, "/rating"), greek.token,
              json::object{{"rating", 5}, {"comment", "ευχαριστώ"}}),
         200, "rate greek");
  const auto mueller = open_chat(port, ann, "Anna Müller", "anna@example.com", "Tent", "My tent zipper is stuck");
  const auto invoice =
      open_chat(port, f.ben.token, "Bob Buyer", "bob@example.com", "Billing", "My invoice shows a double charge");
  say(port, f.ben.token, invoice.session_id, "I will refund the charge today");
  expect(call(port, "POST", session_path(invoice.session_id, "/notes"), f.ben.token,
              json::object{{"body", "customer is a reseller"}}),
         201, "note");
  expect(call(port, "POST", session_path(invoice.session_id, "/whispers"), f.sam.token,
              json::object{{"body", "offer the loyalty discount"}}),
         201, "whisper");
  const auto cyrillic = open_chat(port, "", "Иван", "ivan@example.com", "", "Привет, заказ не пришёл");
  const auto japanese = open_chat(port, "", "Kenji", "kenji@example.com", "", "東京 配送 東京の配送について");
  const auto vip =
      expect(call(port, "POST", "/api/v1/admin/tags", f.ada.token, json::object{{"name", "VIP"}}), 201, "tag")
          .at("tag")
          .at("id")
          .as_int64();
  const auto billing =
      expect(call(port, "POST", "/api/v1/admin/tags", f.ada.token, json::object{{"name", "billing"}}), 201, "tag")
          .at("tag")
          .at("id")
          .as_int64();
  expect(call(port, "PUT", "/api/v1/conversations/" + sid(mueller.session_id) + "/tags/" + sid(vip), ann), 200, "tag");
  expect(call(port, "PUT", "/api/v1/conversations/" + sid(invoice.session_id) + "/tags/" + sid(billing), f.ben.token),
         200, "tag");
  say(port, ann, mueller.session_id, "Let me check the xylophone-shaped zipper");
  // The last indexed write of each conversation, found: everything is searchable.
  wait_indexed(port, ann, "παραγγελία", greek.session_id);
  wait_indexed(port, ann, "xylophone", mueller.session_id);
  wait_indexed(port, ann, "loyalty", invoice.session_id);
  wait_indexed(port, ann, "привет", cyrillic.session_id);
  wait_indexed(port, ann, "配送", japanese.session_id);
  const Ids all{japanese.session_id, cyrillic.session_id, invoice.session_id, mueller.session_id, greek.session_id};

  // The list: newest first, each with its customer, agent, tags, rating and counts.
  const auto everything = page(port, ann, "");
  EXPECT_EQ(ids_of(everything), all);
  const auto listed_invoice = find_in(everything, invoice.session_id);
  EXPECT_EQ(str_at(listed_invoice, {"customer", "name"}), "Bob Buyer");
  EXPECT_EQ(str_at(listed_invoice, {"customer", "email"}), "bob@example.com");
  EXPECT_EQ(int_at(listed_invoice, {"agent", "id"}), f.ben.id);
  EXPECT_EQ(str_at(listed_invoice, {"subject"}), "Billing");
  EXPECT_EQ(int_at(listed_invoice, {"tags", "0", "id"}), billing);
  EXPECT_EQ(int_at(listed_invoice, {"message_count"}), 2);
  EXPECT_TRUE(listed_invoice.at("snippet").is_null());
  const auto listed_greek = find_in(everything, greek.session_id);
  EXPECT_EQ(int_at(listed_greek, {"rating"}), 5);
  EXPECT_EQ(str_at(listed_greek, {"close_reason"}), "resolved");
  EXPECT_EQ(str_at(listed_greek, {"disposition", "name"}), "Solved");

  // Filters, alone and together.
  const auto customer_of = [&](const StartedChat& c) { return *int_at(c.body, {"session", "customer", "id"}); };
  EXPECT_EQ(ids_of(page(port, ann, "status=waiting")), (Ids{japanese.session_id, cyrillic.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "status=active,closed")),
            (Ids{invoice.session_id, mueller.session_id, greek.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "agent_id=" + sid(f.ben.id))), (Ids{invoice.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "agent_id=" + sid(f.ann.id))), (Ids{mueller.session_id, greek.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "customer_id=" + sid(customer_of(mueller)))), (Ids{mueller.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "tag_id=" + sid(vip))), (Ids{mueller.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "tag_id=" + sid(vip) + "," + sid(billing))),
            (Ids{invoice.session_id, mueller.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "disposition_id=" + sid(solved))), (Ids{greek.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "close_reason=resolved")), (Ids{greek.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "close_reason=missed")), (Ids{}));
  EXPECT_EQ(ids_of(page(port, ann, "rating=4,5")), (Ids{greek.session_id}));
  EXPECT_EQ(ids_of(page(port, ann, "rating=1,2")), (Ids{}));
  EXPECT_EQ(ids_of(page(port, ann, "status=active&agent_id=" + sid(f.ann.id))), (Ids{mueller.session_id}));
  // Dates are whole days of the reporting time zone (UTC here), both ends included.
  const auto now = std::chrono::system_clock::now();
  const auto day = std::chrono::hours(24);
  const std::string yesterday = utc_date(now - day), tomorrow = utc_date(now + day);
  EXPECT_EQ(ids_of(page(port, ann, "from=" + yesterday + "&to=" + tomorrow)), all);
  EXPECT_EQ(ids_of(page(port, ann, "from=" + tomorrow)), (Ids{}));
  EXPECT_EQ(ids_of(page(port, ann, "to=" + yesterday)), (Ids{}));

  // The search: every word required; phrases; prefixes; exclusions; anywhere in the conversation.
  EXPECT_EQ(found(port, ann, "invoice charge"), (Ids{invoice.session_id}));
  EXPECT_EQ(found(port, ann, "invoice zipper"), (Ids{}));
  EXPECT_EQ(found(port, ann, "\"double charge\""), (Ids{invoice.session_id}));
  EXPECT_EQ(found(port, ann, "\"charge double\""), (Ids{}));
  EXPECT_EQ(found(port, ann, "refu*"), (Ids{invoice.session_id}));
  EXPECT_EQ(found(port, ann, "charge -refund"), (Ids{}));
  EXPECT_EQ(found(port, ann, "charge -\"tent zipper\""), (Ids{invoice.session_id}));
  EXPECT_EQ(found(port, ann, "zipper -\"tent zipper\""), (Ids{}));
  // Case and accents folded, in the text and in the query.
  for (const char* q : {"muller", "MULLER", "Müller", "MÜLLER"})
    EXPECT_EQ(found(port, ann, q), (Ids{mueller.session_id})) << q;
  // Punctuation separates words.
  EXPECT_EQ(found(port, ann, "xylophone shaped"), (Ids{mueller.session_id}));
  EXPECT_EQ(found(port, ann, "xylophone-shaped"), (Ids{mueller.session_id}));
  // Non-Latin scripts: Cyrillic and Greek words, case folded; Japanese by its runs between spaces.
  EXPECT_EQ(found(port, ann, "привет"), (Ids{cyrillic.session_id}));
  EXPECT_EQ(found(port, ann, "ЗАКАЗ"), (Ids{cyrillic.session_id}));
  EXPECT_EQ(found(port, ann, "παραγγελία"), (Ids{greek.session_id}));
  EXPECT_EQ(found(port, ann, "ΠΑΡΑΓΓΕΛΊΑ"), (Ids{greek.session_id}));
  // The one difference (docs/api.md): PostgreSQL's unaccent folds Greek and Cyrillic accents too, SQLite does not.
  const Ids greek_if_postgres = postgres ? Ids{greek.session_id} : Ids{};
  EXPECT_EQ(found(port, ann, "παραγγελια"), greek_if_postgres);
  EXPECT_EQ(found(port, ann, "пришел"), postgres ? Ids{cyrillic.session_id} : Ids{});
  EXPECT_EQ(found(port, ann, "東京"), (Ids{japanese.session_id}));
  EXPECT_EQ(found(port, ann, "配送"), (Ids{japanese.session_id}));
  EXPECT_EQ(found(port, ann, "東京の配送について"), (Ids{japanese.session_id}));
  EXPECT_EQ(found(port, ann, "東"), (Ids{}));  // not a word of its own: neither database splits the run
  EXPECT_EQ(found(port, ann, "東京*"), (Ids{japanese.session_id}));
  // The customer's name and email, the subject, notes and whispers are searched too (these routes are staff-only);
  // the system's own messages are not ("The agent ended the chat.").
  EXPECT_EQ(found(port, ann, "ended"), (Ids{}));
  EXPECT_EQ(found(port, ann, "bob@example.com"), (Ids{invoice.session_id}));
  EXPECT_EQ(found(port, ann, "billing"), (Ids{invoice.session_id}));
  EXPECT_EQ(found(port, ann, "reseller"), (Ids{invoice.session_id}));
  EXPECT_EQ(found(port, ann, "loyalty"), (Ids{invoice.session_id}));
  // A search and filters together.
  EXPECT_EQ(found(port, ann, "zipper", "status=closed"), (Ids{}));
  EXPECT_EQ(found(port, ann, "zipper", "tag_id=" + sid(vip)), (Ids{mueller.session_id}));

  // Snippets: plain pieces and hits, and where the match was.
  const auto zipper = find_in(page(port, ann, "q=zipper"), mueller.session_id);
  EXPECT_EQ(str_at(zipper, {"matched_in"}), "messages");
  EXPECT_NE(hits(zipper).find("zipper"), std::string::npos) << zipper;
  const auto muller = find_in(page(port, ann, "q=muller"), mueller.session_id);
  EXPECT_EQ(str_at(muller, {"matched_in"}), "customer");
  EXPECT_EQ(hits(muller), "Müller") << muller;
  EXPECT_EQ(str_at(find_in(page(port, ann, "q=reseller"), invoice.session_id), {"matched_in"}), "notes");
  EXPECT_EQ(str_at(find_in(page(port, ann, "q=billing"), invoice.session_id), {"matched_in"}), "subject");

  // Relevance: the same matches as newest order (every customer's email is at example.com), each once over the
  // pages; a hit in the subject or the name outranks one in a message; its cursor is for relevance only.
  Ids ranked;
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    const auto p = page(port, ann, "q=example.com&sort=relevance&limit=2" + cursor);
    for (auto id : ids_of(p)) ranked.push_back(id);
    if (p.at("next_cursor").is_null()) break;
    cursor = "&cursor=" + url_encoded(std::string(p.at("next_cursor").as_string()));
  }
  EXPECT_EQ(ranked.size(), all.size());
  EXPECT_EQ(std::set<std::int64_t>(ranked.begin(), ranked.end()), std::set<std::int64_t>(all.begin(), all.end()));
  EXPECT_EQ(ids_of(page(port, ann, "q=billing+charge&sort=relevance")), (Ids{invoice.session_id}));
  const auto first_ranked = page(port, ann, "q=example.com&sort=relevance&limit=1");
  ASSERT_FALSE(first_ranked.at("next_cursor").is_null()) << first_ranked;
  const std::string ranked_cursor = url_encoded(std::string(first_ranked.at("next_cursor").as_string()));
  EXPECT_TRUE(IsError(list(port, ann, "q=example.com&limit=1&cursor=" + ranked_cursor), 400, "bad_cursor"));
  EXPECT_TRUE(IsError(list(port, ann, "q=tent&sort=relevance&limit=1&cursor=" + ranked_cursor), 400, "bad_cursor"));
  EXPECT_TRUE(HasStatus(list(port, ann, "q=example.com&sort=relevance&limit=1&cursor=" + ranked_cursor), 200));

  // The transcript: everything in time order, notes and whispers marked, the rating.
  {
    const auto t = expect(call(port, "GET", "/api/v1/conversations/" + sid(invoice.session_id), f.cal.token), 200,
                          "another agent reads the transcript");
    std::vector<std::string> kinds;
    for (const auto& e : t.at("timeline").as_array()) {
      std::string kind(e.at("kind").as_string());
      if (kind == "system") kind += ":" + std::string(e.at("event").as_string());
      kinds.push_back(kind);
    }
    // The first message and the take may fall in one millisecond: the assignment is checked apart.
    std::vector<std::string> without_assigned = kinds;
    std::erase(without_assigned, "system:assigned");
    EXPECT_EQ(without_assigned,
              (std::vector<std::string>{"system:started", "message", "message", "note", "whisper", "tag"}))
        << t;
    const auto& timeline = t.at("timeline").as_array();
    json::array rest;  // the entries without the assignment, in order
    for (const auto& e : timeline) {
      if (e.at("kind") == "system" && e.at("event") == "assigned") {
        EXPECT_EQ(e.at("agent").at("id"), f.ben.id) << e;
      } else {
        rest.push_back(e);
      }
    }
    ASSERT_EQ(rest.size(), 6u) << t;
    EXPECT_EQ(rest[1].at("message").at("body"), "My invoice shows a double charge");
    EXPECT_EQ(rest[2].at("message").at("sender_user_id"), f.ben.id);
    EXPECT_EQ(rest[3].at("note").at("author").at("name"), "Ben Agent");
    EXPECT_EQ(rest[3].at("note").at("body"), "customer is a reseller");
    EXPECT_EQ(rest[4].at("note").at("body"), "offer the loyalty discount");
    EXPECT_EQ(rest[5].at("tag").at("id"), billing);
    EXPECT_EQ(rest[5].at("by").at("id"), f.ben.id);
    EXPECT_TRUE(t.at("rating").is_null());
    EXPECT_EQ(t.at("conversation").at("id"), invoice.session_id);
  }
  {
    const auto t = expect(call(port, "GET", "/api/v1/conversations/" + sid(greek.session_id), f.sam.token), 200, "");
    std::vector<std::string> kinds;
    for (const auto& e : t.at("timeline").as_array()) kinds.push_back(std::string(e.at("kind").as_string()));
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), "transfer"), kinds.end()) << t;
    const auto& last = t.at("timeline").as_array().back();
    EXPECT_EQ(last.at("kind"), "system") << t;
    EXPECT_EQ(last.at("event"), "closed");
    EXPECT_EQ(last.at("close_reason"), "resolved");
    EXPECT_EQ(last.at("disposition").at("id"), solved);
    EXPECT_EQ(t.at("rating").at("rating"), 5);
    EXPECT_EQ(t.at("rating").at("comment"), "ευχαριστώ");
  }

  // Who may read: staff and tokens with conversations:read; a customer's token is refused like on any staff route.
  EXPECT_TRUE(IsError(list(port, mueller.token, ""), 401));
  EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/conversations/" + sid(mueller.session_id), mueller.token), 401));
  EXPECT_TRUE(IsError(list(port, "", "q=zipper"), 401));
  const auto token_with = [&](const char* scope) {
    return str_at(expect(call(port, "POST", "/api/v1/admin/api-tokens", f.ada.token,
                              json::object{{"name", std::string("t-") + scope}, {"scopes", json::array{scope}}}),
                         201, "token"),
                  {"api_token", "token"});
  };
  EXPECT_TRUE(IsError(list(port, token_with("events:read"), ""), 403, "insufficient_scope"));
  EXPECT_EQ(found(port, token_with("conversations:read"), "reseller"), (Ids{invoice.session_id}));
  EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/conversations/424242", ann), 404, "not_found"));

  // Refusals name what is wrong.
  EXPECT_TRUE(IsError(list(port, ann, "status=open"), 400, "invalid_query"));
  EXPECT_TRUE(IsError(list(port, ann, "agent_id=ann"), 400, "invalid_query"));
  EXPECT_TRUE(IsError(list(port, ann, "from=2026-02-30"), 400, "invalid_query"));
  EXPECT_TRUE(IsError(list(port, ann, "from=2026-11-24&to=2026-11-01"), 400, "invalid_query"));
  EXPECT_TRUE(IsError(list(port, ann, "limit=101"), 400, "invalid_query"));
  EXPECT_TRUE(IsError(list(port, ann, "sort=relevance"), 400, "invalid_query"));
  EXPECT_TRUE(IsError(list(port, ann, "q=" + std::string(1025, 'a')), 400, "bad_query"));
  EXPECT_TRUE(IsError(list(port, ann, "q=%22unclosed"), 400, "bad_query"));
  EXPECT_TRUE(IsError(list(port, ann, "q=-only"), 400, "bad_query"));
  const auto first = page(port, ann, "limit=2");
  ASSERT_FALSE(first.at("next_cursor").is_null());
  const std::string next = url_encoded(std::string(first.at("next_cursor").as_string()));
  EXPECT_TRUE(HasStatus(list(port, ann, "limit=2&cursor=" + next), 200));
  EXPECT_TRUE(IsError(list(port, ann, "status=closed&cursor=" + next), 400, "bad_cursor"));
  EXPECT_TRUE(IsError(list(port, ann, "q=zipper&cursor=" + next), 400, "bad_cursor"));
  EXPECT_TRUE(IsError(list(port, ann, "cursor=nonsense"), 400, "bad_cursor"));

  // An erased conversation: no longer found, and its transcript has no bodies left.
  expect(call(port, "POST", "/api/v1/contacts/" + sid(customer_of(greek)) + "/erase", f.ada.token,
              json::object{{"confirm", true}}),
         200, "erase");
  const auto after = search_until(port, ann, "παραγγελία", [](const json::object& p) { return ids_of(p).empty(); });
  EXPECT_EQ(ids_of(after), (Ids{}));
  EXPECT_EQ(found(port, ann, "eleni"), (Ids{}));
  const auto erased = expect(call(port, "GET", "/api/v1/conversations/" + sid(greek.session_id), ann), 200, "erased");
  EXPECT_EQ(erased.at("conversation").at("erased"), true);
  EXPECT_EQ(erased.at("conversation").at("customer").at("name"), "Erased contact");
  EXPECT_EQ(erased.at("conversation").at("subject"), "");
  int messages = 0;
  for (const auto& e : erased.at("timeline").as_array()) {
    if (e.at("kind") != "message") continue;
    ++messages;
    EXPECT_EQ(e.at("message").at("body"), "") << e;
    EXPECT_TRUE(e.at("message").at("attachment").is_null()) << e;
  }
  EXPECT_GE(messages, 2) << erased;  // the rows stay (the reports count them), their bodies do not
  EXPECT_TRUE(erased.at("rating").at("comment").is_null()) << erased;
  EXPECT_EQ(find_in(page(port, ann, ""), greek.session_id).at("erased"), true);
}

TEST(Conversations, FiltersSearchAndTranscriptOnSqlite) {
  ToolsFloor f(search_server_args(std::nullopt));
  history_filters_and_search(f, false);
}

TEST(Conversations, FiltersSearchAndTranscriptOnPostgres) {
  std::optional<TestDatabase> database;
  database.emplace();
  ToolsFloor f(search_server_args(database));
  history_filters_and_search(f, true);
}

}  // namespace
}  // namespace livedesk::it::tools
