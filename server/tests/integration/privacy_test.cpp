// Erasing a contact through the real binary (docs/api.md, "Privacy"), on SQLite and PostgreSQL: afterwards
// nothing the contact said or sent can be read or downloaded, the erasure is audited, and the dashboard's
// figures are what they were.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <thread>
#include <string>
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

HttpResult upload(unsigned short port, const std::string& token, std::int64_t session_id) {
  return request(port, "POST", session_path(session_id, "/attachments?name=card.png"), kPng,
                 {{"Authorization", "Bearer " + token}, {"Content-Type", "application/octet-stream"}});
}

// The figures an erasure must not change.
json::object figures(ToolsFloor& f) {
  auto m = expect(call(f.port(), "GET", "/api/v1/admin/chat-dashboard/overview", f.sam.token), 200, "overview");
  return {{"sessions_today", m.at("sessions_today")},
          {"closed_today", m.at("closed_today")},
          {"csat_count", m.at("csat").at("count")},
          {"csat_average", m.at("csat").at("average")},
          {"messages_today", m.at("messages").at("today")},
          {"by_type", m.at("messages").at("by_type")}};
}

std::vector<json::object> messages_of(ToolsFloor& f, std::int64_t session_id) {
  const auto answer = expect(call(f.port(), "GET", session_path(session_id, "/messages"), f.ada.token), 200, "");
  std::vector<json::object> out;
  for (const auto& m : answer.at("messages").as_array()) out.push_back(m.as_object());
  return out;
}

void erase_a_contact(ToolsFloor& f, bool files_on_disk) {
  const auto port = f.port();
  // Two conversations of one contact (one email): words, a file, a note, a rating with a comment.
  const auto first = chat_taken_by(port, f.ann.token, "Zoe Private", "zoe@example.com", "my word is zebrafish");
  const auto contact_id = expect(call(port, "GET", session_path(first.session_id), f.ann.token), 200, "session")
                              .at("session")
                              .at("customer")
                              .at("id")
                              .as_int64();
  const auto uploaded = expect(upload(port, first.token, first.session_id), 201, "upload");
  const std::string sha = uploaded.at("attachment").at("id").as_string().c_str();
  const std::string url = uploaded.at("attachment").at("url").as_string().c_str();
  expect(call(port, "POST", session_path(first.session_id, "/messages"), first.token,
              json::object{{"type", "image"}, {"attachment_id", sha}, {"body", "my card"}}),
         201, "the file is sent");
  expect(call(port, "POST", session_path(first.session_id, "/notes"), f.ann.token,
              json::object{{"body", "Zoe lives at 1 Elm St"}}),
         201, "a note");
  expect(call(port, "POST", session_path(first.session_id, "/close"), first.token), 200, "closed");
  expect(call(port, "POST", session_path(first.session_id, "/rating"), first.token,
              json::object{{"rating", 5}, {"comment", "Ann knew my address"}}),
         200, "rated");
  const auto second = chat_taken_by(port, f.ann.token, "Zoe Private", "zoe@example.com", "zebrafish again");
  ASSERT_EQ(expect(call(port, "GET", session_path(second.session_id), f.ann.token), 200, "")
                .at("session")
                .at("customer")
                .at("id")
                .as_int64(),
            contact_id);
  ASSERT_TRUE(HasStatus(call(port, "GET", url, f.ann.token), 200));
  const auto attachments_dir = f.server().database_path().parent_path() / "attachments";
  if (files_on_disk) ASSERT_TRUE(std::filesystem::exists(attachments_dir / sha));

  const std::string erase = "/api/v1/contacts/" + sid(contact_id) + "/erase";
  const json::object confirmed{{"confirm", true}};
  // Refusals change nothing.
  EXPECT_TRUE(IsError(call(port, "POST", erase, f.ada.token, json::object{}), 400, "invalid_field"));
  EXPECT_TRUE(IsError(call(port, "POST", erase, f.ada.token, json::object{{"confirm", false}}), 400, "invalid_field"));
  EXPECT_TRUE(IsError(call(port, "POST", erase, f.sam.token, confirmed), 403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "POST", erase, f.ann.token, confirmed), 403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/contacts/999999/erase", f.ada.token, confirmed), 404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "POST", erase, f.ada.token, confirmed), 409, "session_open"));
  EXPECT_EQ(messages_of(f, first.session_id)[0].at("body"), "my word is zebrafish");

  expect(call(port, "POST", session_path(second.session_id, "/close"), f.ann.token), 200, "closed");
  const auto before = figures(f);
  const auto erased = expect(call(port, "POST", erase, f.ada.token, confirmed), 200, "erased");
  EXPECT_EQ(erased.at("erased").at("conversations").as_int64(), 2) << erased;
  EXPECT_GE(erased.at("erased").at("messages").as_int64(), 4) << erased;
  EXPECT_EQ(erased.at("erased").at("attachments").as_int64(), 1) << erased;

  // Nothing the contact (or staff about it) wrote can be read; the messages' numbers stay.
  for (auto session_id : {first.session_id, second.session_id}) {
    const auto messages = messages_of(f, session_id);
    EXPECT_FALSE(messages.empty());
    for (const auto& m : messages) {
      EXPECT_EQ(m.at("body"), "") << m;
      EXPECT_TRUE(m.at("attachment").is_null()) << m;
    }
    const auto answer = expect(call(port, "GET", session_path(session_id), f.ada.token), 200, "");
    const auto& session = answer.at("session");
    EXPECT_EQ(session.at("status"), "closed");
    EXPECT_EQ(session.at("subject"), "");
    EXPECT_EQ(session.at("customer").at("name"), "Erased contact") << session;
    const auto notes = expect(call(port, "GET", session_path(session_id, "/notes"), f.ada.token), 200, "");
    for (const auto& n : notes.at("notes").as_array()) EXPECT_EQ(n.at("body"), "") << n;
  }
  EXPECT_TRUE(IsError(call(port, "GET", url, f.ada.token), 404, "not_found"));
  if (files_on_disk) EXPECT_FALSE(std::filesystem::exists(attachments_dir / sha));
  EXPECT_EQ(figures(f), before);
  EXPECT_TRUE(Audited(port, f.ada.token, f.ada.id, "contact.erased", sid(contact_id)));

  // The email is free: a new chat from it is a new contact, and the erased one stays erased.
  const auto later = start_chat(port, "Zoe Again", "zoe@example.com");
  const auto later_contact = expect(call(port, "GET", session_path(later.session_id), f.ann.token), 200, "")
                                 .at("session")
                                 .at("customer")
                                 .at("id")
                                 .as_int64();
  EXPECT_NE(later_contact, contact_id);
}

TEST(Privacy, AnErasedContactLeavesNothingToReadOrDownloadOnSqlite) {
  ToolsFloor f;
  erase_a_contact(f, true);
}

TEST(Privacy, AnErasedContactLeavesNothingToReadOrDownloadOnPostgres) {
  TestDatabase database;
  ToolsFloor f({"--database", database.url()});
  erase_a_contact(f, false);
}

// Moves a closed conversation's end `days` into the past, in the server's SQLite file (as years of history
// would have it).
void age_conversation(const std::filesystem::path& database, std::int64_t session_id, int days) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(database.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  const std::string sql = "UPDATE chat_sessions SET closed_ms = closed_ms - " + std::to_string(days) +
                          " * 86400000 WHERE id = " + std::to_string(session_id);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(Privacy, RetentionErasesConversationsClosedLongerAgoThanItsDays) {
  ToolsFloor f({"--retention-days", "30", "--event-prune-ms", "100"});
  const auto port = f.port();
  // Nothing stored yet: the command line's value is the setting.
  EXPECT_EQ(expect(call(port, "GET", "/api/v1/admin/settings/retention", f.ada.token), 200, "retention"),
            (json::object{{"retention_days", 30}}));
  const auto old = chat_taken_by(port, f.ann.token, "Olden", "olden@example.com", "an old secret");
  expect(call(port, "POST", session_path(old.session_id, "/close"), old.token), 200, "closed");
  const auto recent = chat_taken_by(port, f.ann.token, "Newton", "newton@example.com", "a recent question");
  expect(call(port, "POST", session_path(recent.session_id, "/close"), recent.token), 200, "closed");
  const auto open = chat_taken_by(port, f.ann.token, "Opal", "opal@example.com", "still talking");
  age_conversation(f.server().database_path(), old.session_id, 31);
  age_conversation(f.server().database_path(), recent.session_id, 29);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (messages_of(f, old.session_id)[0].at("body") != "" && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  for (const auto& m : messages_of(f, old.session_id)) EXPECT_EQ(m.at("body"), "") << m;
  EXPECT_EQ(messages_of(f, recent.session_id)[0].at("body"), "a recent question");
  EXPECT_EQ(messages_of(f, open.session_id)[0].at("body"), "still talking");
  const auto audited = audit_entries(port, f.ada.token, "action=conversation.erased");
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(audited[0].at("target_id").as_string(), sid(old.session_id));
  EXPECT_TRUE(audited[0].at("actor_user_id").is_null());  // the system
}

}  // namespace
}  // namespace livedesk::it::tools
