// The access model (docs/api.md, "Access model"), route by route through the real binary: staff read every
// chat, write only to chats they are on (403 not_your_chat), notes and canned responses belong to their author
// or owner (403 not_author / not_owner), and 404 means only that the thing does not exist. One table of
// (route, actor, expected status and code), run on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
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
constexpr std::int64_t kMissing = 999999;

HttpResult upload(unsigned short port, const std::string& token, std::int64_t session_id) {
  return request(port, "POST", session_path(session_id, "/attachments?name=dot.png"), kPng,
                 {{"Authorization", "Bearer " + token}, {"Content-Type", "application/octet-stream"}});
}

struct Rule {
  std::string method, path;
  std::string actor;  // ann, ben (agents; ann has the chats), sam (supervisor), ada (admin), customer, other
  std::optional<json::object> body;
  int status;
  std::string code;  // "" for a success
};

// The floor every rule runs against: ann's active chat (with a customer attachment and ann's note), a
// waiting chat, a closed chat that ended with ann, ann's own canned response and a shared one.
struct Scene {
  std::int64_t active = 0, waiting = 0, closed = 0, note = 0, own_canned = 0, shared_canned = 0;
  std::string attachment_url, active_customer_token, other_customer_token;
};

Scene set_scene(ToolsFloor& f) {
  const auto port = f.port();
  Scene scene;
  const auto closed = chat_taken_by(port, f.ann.token, "Cleo", "cleo@example.com", "an old question");
  expect(call(port, "POST", session_path(closed.session_id, "/close"), closed.token), 200, "the customer closes");
  scene.closed = closed.session_id;
  const auto active = chat_taken_by(port, f.ann.token, "Nora", "nora@example.com", "hi there");
  scene.active = active.session_id;
  scene.active_customer_token = active.token;
  const auto uploaded = expect(upload(port, active.token, active.session_id), 201, "the customer uploads");
  scene.attachment_url = uploaded.at("attachment").at("url").as_string().c_str();
  const auto note = expect(call(port, "POST", session_path(scene.active, "/notes"), f.ann.token,
                                json::object{{"body", "ann's note"}}),
                           201, "ann's note");
  scene.note = note.at("note").at("id").as_int64();
  const auto waiting = start_chat(port, "Walt", "walt@example.com");
  scene.waiting = waiting.session_id;
  scene.other_customer_token = waiting.token;
  const auto own = expect(call(port, "POST", "/api/v1/canned-responses", f.ann.token,
                               json::object{{"shortcut", "mine"}, {"title", "Ann's"}, {"body", "by ann"}}),
                          201, "ann's canned response");
  scene.own_canned = own.at("canned_response").at("id").as_int64();
  const auto shared =
      expect(call(port, "POST", "/api/v1/canned-responses", f.ada.token,
                  json::object{{"shortcut", "hello"}, {"title", "Hello"}, {"body", "hello"}, {"shared", true}}),
             201, "a shared canned response");
  scene.shared_canned = shared.at("canned_response").at("id").as_int64();
  return scene;
}

std::vector<Rule> rules(const Scene& c) {
  const auto a = [&](const std::string& suffix) { return session_path(c.active, suffix); };
  const auto w = [&](const std::string& suffix) { return session_path(c.waiting, suffix); };
  const auto x = [&](const std::string& suffix) { return session_path(c.closed, suffix); };
  const auto m = [&](const std::string& suffix) { return session_path(kMissing, suffix); };
  const auto note = "/api/v1/notes/" + sid(c.note);
  const auto own = "/api/v1/canned-responses/" + sid(c.own_canned);
  const auto shared = "/api/v1/canned-responses/" + sid(c.shared_canned);
  const json::object text{{"body", "hello"}};
  const json::object canned{{"shortcut", "x"}, {"title", "x"}, {"body", "x"}};
  const json::object receipt{{"up_to_seq", 1}, {"status", "read"}};
  const json::object transfer{{"to_agent_id", nullptr}, {"reason", "r"}};
  const json::object render{{"session_id", c.active}};
  return {
      // Reads: every staff member, every chat.
      {"GET", a(""), "ben", {}, 200, ""},
      {"GET", a(""), "sam", {}, 200, ""},
      {"GET", a(""), "ada", {}, 200, ""},
      {"GET", w(""), "ben", {}, 200, ""},
      {"GET", x(""), "ben", {}, 200, ""},
      {"GET", m(""), "ben", {}, 404, "not_found"},
      {"GET", a("/messages"), "ben", {}, 200, ""},
      {"GET", x("/messages"), "ben", {}, 200, ""},
      {"GET", m("/messages"), "ben", {}, 404, "not_found"},
      {"GET", a("/notes"), "ben", {}, 200, ""},
      {"GET", x("/notes"), "ben", {}, 200, ""},
      {"GET", m("/notes"), "ben", {}, 404, "not_found"},
      {"GET", a("/transfers"), "ben", {}, 200, ""},
      {"GET", m("/transfers"), "ben", {}, 404, "not_found"},
      {"GET", c.attachment_url, "ben", {}, 200, ""},
      {"GET", c.attachment_url, "sam", {}, 200, ""},
      {"GET", a("/attachments/" + std::string(64, 'a')), "ben", {}, 404, "not_found"},
      {"GET", "/api/v1/agent/sessions", "ben", {}, 200, ""},
      {"GET", "/api/v1/chat/queue", "ben", {}, 200, ""},
      // Conversations as history (list, search, transcript): every staff member, every conversation; staff only.
      {"GET", "/api/v1/conversations", "ben", {}, 200, ""},
      {"GET", "/api/v1/conversations?q=hi", "ben", {}, 200, ""},
      {"GET", "/api/v1/conversations/" + sid(c.active), "ben", {}, 200, ""},
      {"GET", "/api/v1/conversations/" + sid(c.closed), "sam", {}, 200, ""},
      {"GET", "/api/v1/conversations/" + sid(c.waiting), "ada", {}, 200, ""},
      {"GET", "/api/v1/conversations/" + sid(kMissing), "ben", {}, 404, "not_found"},
      {"GET", "/api/v1/conversations", "customer", {}, 401, "unauthorized"},
      {"GET", "/api/v1/conversations/" + sid(c.active), "customer", {}, 401, "unauthorized"},
      // A customer token opens its own chat only.
      {"GET", a(""), "customer", {}, 200, ""},
      {"GET", a(""), "other", {}, 404, "not_found"},
      {"GET", a("/messages"), "other", {}, 404, "not_found"},
      {"GET", c.attachment_url, "other", {}, 404, "not_found"},
      // Writes to a chat: only staff on it; a supervisor who has not joined cannot send to the customer.
      {"POST", a("/messages"), "ben", text, 403, "not_your_chat"},
      {"POST", a("/messages"), "sam", text, 403, "not_your_chat"},
      {"POST", a("/messages"), "ann", text, 201, ""},
      {"POST", m("/messages"), "ben", text, 404, "not_found"},
      {"POST", a("/messages"), "other", text, 404, "not_found"},
      {"POST", a("/receipts"), "ben", receipt, 403, "not_your_chat"},
      {"POST", a("/receipts"), "ann", receipt, 200, ""},
      {"POST", m("/receipts"), "ann", receipt, 404, "not_found"},
      {"POST", a("/notes"), "ben", text, 403, "not_your_chat"},
      {"POST", w("/notes"), "ben", text, 403, "not_your_chat"},
      {"POST", a("/notes"), "sam", text, 201, ""},
      {"POST", a("/notes"), "ann", text, 201, ""},
      {"POST", m("/notes"), "ann", text, 404, "not_found"},
      {"POST", a("/whispers"), "ben", text, 403, "forbidden"},
      {"POST", a("/whispers"), "sam", text, 201, ""},
      {"POST", a("/transfers"), "ben", transfer, 403, "not_your_chat"},
      {"POST", a("/transfers"), "sam", transfer, 403, "not_your_chat"},
      {"POST", m("/transfers"), "ann", transfer, 404, "not_found"},
      {"POST", a("/close"), "ben", {}, 403, "not_your_chat"},
      {"POST", w("/close"), "ben", {}, 403, "not_your_chat"},
      {"POST", a("/close"), "other", {}, 404, "not_found"},
      {"POST", m("/close"), "sam", {}, 404, "not_found"},
      {"POST", a("/barge-in"), "ben", {}, 403, "forbidden"},
      {"POST", m("/barge-in"), "sam", {}, 404, "not_found"},
      {"POST", a("/assign"), "ben", json::object{{"agent_id", 1}}, 403, "forbidden"},
      {"POST", m("/take"), "ben", {}, 404, "not_found"},
      {"POST", "/api/v1/transfers/" + sid(kMissing) + "/accept", "ben", {}, 404, "not_found"},
      // A closed chat: it exists (409 for its own staff), and is still not another agent's to change.
      {"POST", x("/messages"), "ann", text, 409, "session_closed"},
      {"POST", x("/messages"), "ben", text, 403, "not_your_chat"},
      {"POST", x("/close"), "ann", {}, 409, "session_closed"},
      {"POST", x("/close"), "ben", {}, 403, "not_your_chat"},
      {"POST", x("/notes"), "ben", text, 403, "not_your_chat"},
      {"POST", x("/notes"), "ann", text, 201, ""},
      {"POST", x("/transfers"), "ann", transfer, 409, "session_closed"},
      {"POST", x("/barge-in"), "sam", {}, 409, "session_closed"},
      {"POST", x("/take"), "ben", {}, 409, "session_closed"},
      {"POST", x("/assign"), "sam", json::object{{"agent_id", 1}}, 409, "session_closed"},
      // Notes belong to their author; admins may delete any (last, below), edit none but their own.
      {"PATCH", note, "ben", text, 403, "not_author"},
      {"PATCH", note, "sam", text, 403, "not_author"},
      {"PATCH", note, "ada", text, 403, "not_author"},
      {"DELETE", note, "ben", {}, 403, "not_author"},
      {"DELETE", note, "sam", {}, 403, "not_author"},
      {"PATCH", note, "ann", json::object{{"body", "ann's note, edited"}}, 200, ""},
      {"PATCH", "/api/v1/notes/" + sid(kMissing), "ann", text, 404, "not_found"},
      // Canned responses: an agent's own is its owner's; shared ones are the admins'.
      {"PUT", own, "ben", canned, 403, "not_owner"},
      {"PUT", own, "ada", canned, 403, "not_owner"},
      {"DELETE", own, "ben", {}, 403, "not_owner"},
      {"POST", own + "/render", "ben", render, 403, "not_owner"},
      {"POST", own + "/render", "ann", render, 200, ""},
      {"POST", shared + "/render", "ben", render, 200, ""},
      {"PUT", shared, "ben", canned, 403, "forbidden"},
      {"DELETE", shared, "sam", {}, 403, "forbidden"},
      {"PUT", "/api/v1/canned-responses/" + sid(kMissing), "ann", canned, 404, "not_found"},
      {"DELETE", "/api/v1/canned-responses/" + sid(kMissing), "ann", {}, 404, "not_found"},
      // An admin deletes anyone's note; then it is gone.
      {"DELETE", note, "ada", {}, 200, ""},
      {"PATCH", note, "ann", text, 404, "not_found"},
  };
}

void check_every_rule(ToolsFloor& f) {
  const auto scene = set_scene(f);
  const auto token = [&](const std::string& actor) -> std::string {
    if (actor == "ann") return f.ann.token;
    if (actor == "ben") return f.ben.token;
    if (actor == "sam") return f.sam.token;
    if (actor == "ada") return f.ada.token;
    if (actor == "customer") return scene.active_customer_token;
    return scene.other_customer_token;
  };
  for (const auto& rule : rules(scene)) {
    const auto answer = call(f.port(), rule.method, rule.path, token(rule.actor), rule.body);
    const std::string what = rule.method + " " + rule.path + " as " + rule.actor;
    if (rule.code.empty())
      EXPECT_EQ(answer.status, rule.status) << what << ": " << answer.describe();
    else
      EXPECT_TRUE(IsError(answer, rule.status, rule.code)) << what;
  }
  // Uploading: staff on the chat (and its customer); another agent is refused and nothing is stored.
  EXPECT_TRUE(IsError(upload(f.port(), f.ben.token, scene.active), 403, "not_your_chat"));
  EXPECT_EQ(upload(f.port(), f.ann.token, scene.active).status, 201);
  EXPECT_TRUE(IsError(upload(f.port(), f.ann.token, kMissing), 404, "not_found"));
  EXPECT_TRUE(IsError(upload(f.port(), f.ann.token, scene.closed), 409, "session_closed"));
  // What the refusals left: ben's message, note and transfer are nowhere.
  const auto messages = expect(call(f.port(), "GET", session_path(scene.active, "/messages"), f.ben.token), 200, "");
  for (const auto& m : messages.at("messages").as_array())
    if (m.at("sender_type") == "agent") EXPECT_EQ(m.at("sender_user_id").as_int64(), f.ann.id) << m;
  const auto transfers = expect(call(f.port(), "GET", session_path(scene.active, "/transfers"), f.ben.token), 200, "");
  EXPECT_TRUE(transfers.at("transfers").as_array().empty());
  // The chat's own agent closes it; a supervisor closes any chat.
  EXPECT_EQ(call(f.port(), "POST", session_path(scene.active, "/close"), f.ann.token).status, 200);
  EXPECT_EQ(call(f.port(), "POST", session_path(scene.waiting, "/close"), f.sam.token).status, 200);
}

TEST(Access, EveryStaffRouteFollowsTheModelOnSqlite) {
  ToolsFloor f;
  check_every_rule(f);
}

TEST(Access, EveryStaffRouteFollowsTheModelOnPostgres) {
  TestDatabase database;
  ToolsFloor f({"--database", database.url()});
  check_every_rule(f);
}

// Watching is a read: any agent may watch any open chat on the agent socket, and then hears it.
TEST(Access, AnAgentWatchesAnotherAgentsChat) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = chat_taken_by(port, f.ann.token, "Nora", "nora@example.com", "hi there");
  ben_ws->send_json("watch", {{"session_id", chat.session_id}});
  ben_ws->wait_for("watching", [&](const json::object& frame) { return frame.at("data").at("session_id") == chat.session_id; });
  expect(call(port, "POST", session_path(chat.session_id, "/messages"), chat.token, json::object{{"body", "anyone?"}}),
         201, "the customer writes");
  ben_ws->wait_for("message_created", message_with_body(chat.session_id, "anyone?"));
  ben_ws->send_json("watch", {{"session_id", kMissing}});
  ben_ws->wait_for("error", [](const json::object& frame) { return frame.at("data").at("code") == "not_found"; });
}

}  // namespace
}  // namespace livedesk::it::tools
