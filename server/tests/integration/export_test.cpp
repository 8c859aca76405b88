// A contact's export and the retention setting through the real binary (docs/api.md, "Privacy"), on SQLite and
// on PostgreSQL: the export holds everything livedesk has about the contact (its notes, every conversation with
// its messages, file, notes, whisper, transfer, tag and rating, its block and the contact merged into it), only
// supervisors and admins get it, it is audited, and after an erasure it holds no words and no file; an admin's
// retention setting is what the periodic retention run uses.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "support/cluster_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/tools_support.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it::tools {
namespace {
namespace json = boost::json;

const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);

std::string export_path(std::int64_t contact_id) { return "/api/v1/contacts/" + sid(contact_id) + "/export"; }

std::int64_t contact_of(unsigned short port, const std::string& token, std::int64_t session_id) {
  return expect(call(port, "GET", session_path(session_id), token), 200, "session")
      .at("session")
      .at("customer")
      .at("id")
      .as_int64();
}

// The conversation `id` of an export, or an empty object.
json::object conversation_in(const json::object& exported, std::int64_t id) {
  for (const auto& c : exported.at("conversations").as_array())
    if (c.at("id").as_int64() == id) return c.as_object();
  return {};
}

// The bodies of one array of an exported conversation ("messages" or "notes").
std::vector<std::string> bodies(const json::object& conversation, const char* field) {
  std::vector<std::string> out;
  for (const auto& m : conversation.at(field).as_array()) out.emplace_back(m.at("body").as_string());
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string api_token(unsigned short port, const std::string& admin_token, const std::string& scope) {
  const auto made = expect(call(port, "POST", "/api/v1/admin/api-tokens", admin_token,
                                json::object{{"name", "export-" + scope}, {"scopes", json::array{json::value(scope)}}}),
                           201, "api token");
  return std::string(made.at("api_token").at("token").as_string());
}

class Export : public ::testing::TestWithParam<std::string> {
 protected:
  std::vector<std::string> args(std::vector<std::string> more = {}) {
    if (GetParam() == "postgres") {
      database_.emplace();
      more.insert(more.end(), {"--database", database_->url()});
    }
    return more;
  }
  // Moves a closed conversation's end `days` into the past in the server's database (as years of history
  // would have it).
  void age_conversation(ToolsFloor& f, std::int64_t session_id, int days) {
    // The product is computed here: PostgreSQL would multiply two integer literals in 32 bits.
    const std::string sql = "UPDATE chat_sessions SET closed_ms = closed_ms - " +
                            std::to_string(std::int64_t(days) * 86'400'000) +
                            " WHERE id = " + std::to_string(session_id);
    if (database_) {
      pqxx::connection connection(database_->url());
      pqxx::work txn(connection);
      txn.exec(sql);
      txn.commit();
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(f.server().database_path().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  std::optional<TestDatabase> database_;
};

TEST_P(Export, AContactsExportHoldsEverythingAndAfterErasureNoWordsOrFiles) {
  ToolsFloor f(args());
  const auto port = f.port();
  const auto vip =
      expect(call(port, "POST", "/api/v1/admin/tags", f.ada.token, json::object{{"name", "vip"}}), 201, "tag")
          .at("tag")
          .at("id")
          .as_int64();

  // The first conversation: words both ways, a file, a note, a whisper, a tag, a declined transfer, a rating.
  const auto first = chat_taken_by(port, f.ann.token, "Zed Export", "zed@example.com", "my first secret");
  const auto contact = contact_of(port, f.ann.token, first.session_id);
  expect(call(port, "POST", session_path(first.session_id, "/messages"), f.ann.token,
              json::object{{"type", "text"}, {"body", "the agent answers"}}),
         201, "reply");
  const auto uploaded =
      expect(request(port, "POST", session_path(first.session_id, "/attachments?name=card.png"), kPng,
                     {{"Authorization", "Bearer " + first.token}, {"Content-Type", "application/octet-stream"}}),
             201, "upload");
  const std::string sha(uploaded.at("attachment").at("id").as_string());
  const std::string url(uploaded.at("attachment").at("url").as_string());
  expect(call(port, "POST", session_path(first.session_id, "/messages"), first.token,
              json::object{{"type", "image"}, {"attachment_id", sha}, {"body", "my card"}}),
         201, "the file is sent");
  expect(call(port, "POST", session_path(first.session_id, "/notes"), f.ann.token,
              json::object{{"body", "Zed lives at 2 Oak St"}}),
         201, "note");
  expect(call(port, "POST", session_path(first.session_id, "/whispers"), f.sam.token,
              json::object{{"body", "offer the discount"}}),
         201, "whisper");
  expect(call(port, "PUT", "/api/v1/conversations/" + sid(first.session_id) + "/tags/" + sid(vip), f.ann.token), 200,
         "tagged");
  const auto transfer = expect(call(port, "POST", session_path(first.session_id, "/transfers"), f.ann.token,
                                    json::object{{"to_agent_id", f.ben.id}, {"reason", "billing"}}),
                               201, "transfer")
                            .at("transfer")
                            .at("id")
                            .as_int64();
  expect(call(port, "POST", "/api/v1/transfers/" + sid(transfer) + "/decline", f.ben.token), 200, "declined");
  expect(call(port, "POST", session_path(first.session_id, "/close"), first.token), 200, "closed");
  expect(call(port, "POST", session_path(first.session_id, "/rating"), first.token,
              json::object{{"rating", 4}, {"comment", "quick and kind"}}),
         200, "rated");
  // The second conversation of the same email, a contact note, a visitor merged in, and a block.
  const auto second = chat_taken_by(port, f.ann.token, "Zed Export", "zed@example.com", "second visit");
  ASSERT_EQ(contact_of(port, f.ann.token, second.session_id), contact);
  expect(call(port, "POST", session_path(second.session_id, "/close"), f.ann.token), 200, "closed");
  expect(call(port, "POST", "/api/v1/contacts/" + sid(contact) + "/notes", f.ann.token,
              json::object{{"body", "prefers email"}}),
         201, "contact note");
  const auto visitor = expect(call(port, "PUT", "/api/v1/chat/visitors/visitor-zed-0001", "",
                                   json::object{{"name", "Zed on the phone"}}),
                              200, "visitor")
                           .at("contact_id")
                           .as_int64();
  expect(call(port, "POST", "/api/v1/contacts/" + sid(contact) + "/merge", f.ann.token,
              json::object{{"from_contact_id", visitor}}),
         200, "merged");
  expect(call(port, "POST", "/api/v1/blocks", f.sam.token,
              json::object{{"customer_id", contact}, {"reason", "spam links"}}),
         201, "blocked");

  // Who may: supervisors, admins, tokens with contacts:read.
  EXPECT_TRUE(IsError(call(port, "GET", export_path(contact), f.ann.token), 403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "GET", export_path(contact), first.token), 401));
  EXPECT_TRUE(IsError(call(port, "GET", export_path(contact), ""), 401, "unauthorized"));
  EXPECT_TRUE(IsError(call(port, "GET", export_path(999999), f.sam.token), 404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "GET", export_path(contact), api_token(port, f.ada.token, "conversations:read")), 403,
                      "insufficient_scope"));
  EXPECT_TRUE(HasStatus(call(port, "GET", export_path(contact), api_token(port, f.ada.token, "contacts:read")), 200));
  EXPECT_TRUE(HasStatus(call(port, "GET", export_path(contact), f.ada.token), 200));

  const auto answer = call(port, "GET", export_path(contact), f.sam.token);
  ASSERT_TRUE(HasStatus(answer, 200));
  EXPECT_EQ(answer.header("Content-Disposition"), "attachment; filename=\"contact-" + sid(contact) + ".json\"");
  EXPECT_TRUE(answer.header("Content-Type").starts_with("application/json")) << answer.describe();
  const auto& exported = answer.object();
  EXPECT_TRUE(exported.at("exported_at").is_string());
  const auto& person = exported.at("contact").as_object();
  EXPECT_EQ(person.at("id").as_int64(), contact);
  EXPECT_EQ(person.at("email"), "zed@example.com");
  EXPECT_EQ(person.at("chat_count").as_int64(), 2);
  EXPECT_FALSE(person.at("erased").as_bool());
  ASSERT_EQ(exported.at("notes").as_array().size(), 1u) << exported;
  EXPECT_EQ(exported.at("notes").as_array()[0].at("body"), "prefers email");
  EXPECT_EQ(exported.at("merged_contact_ids"), (json::array{visitor}));
  ASSERT_EQ(exported.at("blocks").as_array().size(), 1u) << exported;
  EXPECT_EQ(exported.at("blocks").as_array()[0].at("reason"), "spam links");
  ASSERT_EQ(exported.at("conversations").as_array().size(), 2u) << exported;

  const auto one = conversation_in(exported, first.session_id);
  ASSERT_FALSE(one.empty()) << exported;
  EXPECT_EQ(one.at("status"), "closed");
  EXPECT_FALSE(one.at("erased").as_bool());
  EXPECT_EQ(one.at("agent").at("id").as_int64(), f.ann.id);
  EXPECT_EQ(one.at("agent").at("name"), json::value(kAnn.name));
  const auto said = bodies(one, "messages");
  EXPECT_TRUE(has(said, "my first secret") && has(said, "the agent answers") && has(said, "my card")) << one;
  bool file_sent = false;
  for (const auto& m : one.at("messages").as_array())
    if (m.at("body") == "my card") file_sent = m.at("attachment").at("url") == json::value(url);
  EXPECT_TRUE(file_sent) << one;
  ASSERT_EQ(one.at("attachments").as_array().size(), 1u) << one;
  const auto& file = one.at("attachments").as_array()[0].as_object();
  EXPECT_EQ(file.at("sha256"), json::value(sha));
  EXPECT_EQ(file.at("name"), "card.png");
  EXPECT_EQ(file.at("mime"), "image/png");
  EXPECT_EQ(file.at("size").as_int64(), std::int64_t(kPng.size()));
  EXPECT_EQ(file.at("url"), json::value(url));
  const auto notes = bodies(one, "notes");
  EXPECT_TRUE(has(notes, "Zed lives at 2 Oak St") && has(notes, "offer the discount")) << one;
  std::vector<std::string> kinds;
  for (const auto& n : one.at("notes").as_array()) kinds.emplace_back(n.at("kind").as_string());
  EXPECT_TRUE(has(kinds, "note") && has(kinds, "whisper")) << one;
  ASSERT_EQ(one.at("tags").as_array().size(), 1u) << one;
  EXPECT_EQ(one.at("tags").as_array()[0].at("name"), "vip");
  EXPECT_EQ(one.at("rating").at("rating").as_int64(), 4);
  EXPECT_EQ(one.at("rating").at("comment"), "quick and kind");
  ASSERT_EQ(one.at("transfers").as_array().size(), 1u) << one;
  EXPECT_EQ(one.at("transfers").as_array()[0].at("status"), "declined");
  EXPECT_EQ(one.at("transfers").as_array()[0].at("to_agent_id").as_int64(), f.ben.id);
  EXPECT_TRUE(has(bodies(conversation_in(exported, second.session_id), "messages"), "second visit")) << exported;
  EXPECT_TRUE(Audited(port, f.ada.token, f.sam.id, "contact.exported", sid(contact)));
  EXPECT_TRUE(HasStatus(call(port, "GET", url, f.sam.token), 200));

  // After the erasure: what is left, marked erased, without a word or a file.
  expect(
      call(port, "POST", "/api/v1/contacts/" + sid(contact) + "/erase", f.ada.token, json::object{{"confirm", true}}),
      200, "erased");
  const auto after = expect(call(port, "GET", export_path(contact), f.ada.token), 200, "export after erasure");
  EXPECT_TRUE(after.at("contact").at("erased").as_bool()) << after;
  EXPECT_EQ(after.at("contact").at("name"), "Erased contact");
  EXPECT_TRUE(after.at("contact").at("email").is_null());
  EXPECT_TRUE(after.at("notes").as_array().empty()) << after;
  ASSERT_EQ(after.at("conversations").as_array().size(), 2u) << after;
  for (const auto& c : after.at("conversations").as_array()) {
    EXPECT_TRUE(c.at("erased").as_bool()) << c;
    EXPECT_TRUE(c.at("erased_at").is_string()) << c;
    EXPECT_EQ(c.at("subject"), "");
    EXPECT_FALSE(c.at("messages").as_array().empty()) << c;  // the rows stay for the reports
    for (const auto& m : c.at("messages").as_array()) {
      EXPECT_EQ(m.at("body"), "") << m;
      EXPECT_TRUE(m.at("attachment").is_null()) << m;
    }
    EXPECT_TRUE(c.at("attachments").as_array().empty()) << c;
    for (const auto& n : c.at("notes").as_array()) EXPECT_EQ(n.at("body"), "") << n;
    if (!c.at("rating").is_null()) {
      EXPECT_EQ(c.at("rating").at("comment"), "") << c;
    }
  }
  EXPECT_EQ(conversation_in(after, first.session_id).at("rating").at("rating").as_int64(), 4);
  EXPECT_TRUE(IsError(call(port, "GET", url, f.ada.token), 404, "not_found"));
}

TEST_P(Export, AnAdminsRetentionSettingIsWhatThePeriodicRunErasesBy) {
  ToolsFloor f(args({"--event-prune-ms", "100"}));
  const auto port = f.port();
  const std::string settings = "/api/v1/admin/settings/retention";
  EXPECT_EQ(expect(call(port, "GET", settings, f.ada.token), 200, "retention"), (json::object{{"retention_days", 0}}));
  EXPECT_TRUE(IsError(call(port, "GET", settings, f.sam.token), 403, "forbidden"));
  EXPECT_TRUE(
      IsError(call(port, "PUT", settings, f.sam.token, json::object{{"retention_days", 30}}), 403, "forbidden"));
  EXPECT_TRUE(
      IsError(call(port, "PUT", settings, f.ann.token, json::object{{"retention_days", 30}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "PUT", settings, "", json::object{{"retention_days", 30}}), 401, "unauthorized"));
  EXPECT_TRUE(IsError(call(port, "PUT", settings, f.ada.token, json::object{}), 400, "missing_field"));
  for (const json::value& bad : {json::value(-1), json::value(36501), json::value("30"), json::value(1.5),
                                 json::value(true), json::value(std::uint64_t(1) << 63)})
    EXPECT_TRUE(
        IsError(call(port, "PUT", settings, f.ada.token, json::object{{"retention_days", bad}}), 400, "invalid_field"))
        << bad;
  EXPECT_EQ(expect(call(port, "GET", settings, f.ada.token), 200, "unchanged"), (json::object{{"retention_days", 0}}));

  const auto old = chat_taken_by(port, f.ann.token, "Olden", "olden@example.com", "an old secret");
  expect(call(port, "POST", session_path(old.session_id, "/close"), old.token), 200, "closed");
  const auto recent = chat_taken_by(port, f.ann.token, "Newton", "newton@example.com", "a recent question");
  expect(call(port, "POST", session_path(recent.session_id, "/close"), recent.token), 200, "closed");
  age_conversation(f, old.session_id, 31);
  age_conversation(f, recent.session_id, 29);

  EXPECT_EQ(expect(call(port, "PUT", settings, f.ada.token, json::object{{"retention_days", 30}}), 200, "set"),
            (json::object{{"retention_days", 30}}));
  EXPECT_EQ(expect(call(port, "GET", settings, f.ada.token), 200, "retention"), (json::object{{"retention_days", 30}}));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ada.id, "settings.retention"));
  // The next periodic run (every 100 ms) reads the new value and erases the old conversation as the system.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  auto erased = audit_entries(port, f.ada.token, "action=conversation.erased");
  while (erased.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    erased = audit_entries(port, f.ada.token, "action=conversation.erased");
  }
  ASSERT_EQ(erased.size(), 1u);
  EXPECT_EQ(erased[0].at("target_id").as_string(), sid(old.session_id));
  for (const auto& m : fetch_messages(port, f.ada.token, old.session_id)) EXPECT_EQ(m.at("body"), "") << m;
  EXPECT_EQ(fetch_messages(port, f.ada.token, recent.session_id)[0].at("body"), "a recent question");
  const auto exported =
      expect(call(port, "GET", export_path(contact_of(port, f.ada.token, old.session_id)), f.ada.token), 200, "export");
  EXPECT_TRUE(conversation_in(exported, old.session_id).at("erased").as_bool()) << exported;
  EXPECT_FALSE(exported.at("contact").at("erased").as_bool()) << exported;  // retention keeps the contact row
}

INSTANTIATE_TEST_SUITE_P(Backends, Export, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace livedesk::it::tools
