// Customer blocking, supervision (silent watching, whispers, barge-in), the
// role checks of every agent tool, and the audit log that lists them all
// (docs/api.md, "Agent tools").
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <string>
#include <utility>
#include <vector>

#include "support/dashboard_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/tools_support.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it::tools {
namespace {
namespace json = boost::json;

HttpResult start_chat_request(unsigned short port, const std::string& name, const std::string& email) {
  return call(port, "POST", "/api/v1/chat/sessions", "", json::object{{"name", name}, {"email", email}});
}

std::vector<std::int64_t> active_block_ids(unsigned short port, const std::string& token) {
  const auto body = expect(call(port, "GET", "/api/v1/blocks", token), 200, "GET blocks");
  std::vector<std::int64_t> ids;
  for (const auto& b : body.at("blocks").as_array()) ids.push_back(*int_at(b.as_object(), {"id"}));
  return ids;
}

bool has(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool open_chats_empty(unsigned short port, const std::string& token) {
  const auto body = expect(call(port, "GET", "/api/v1/agent/sessions", token), 200, "agent sessions");
  return body.at("sessions").as_array().empty();
}

FramePredicate for_session(std::int64_t session_id) {
  return [=](const json::object& frame) { return int_at(frame, {"data", "session_id"}) == session_id; };
}

// ---- blocking -------------------------------------------------------------

TEST(ToolsBlock, BlockingByEmailClosesTheOpenChatAndTheCustomersSocketUntilUnblocked) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  const auto chat = chat_taken_by(port, f.ann.token, "Troll", "troll@example.com", "you are all useless");
  const auto customer_id = *int_at(chat.body, {"session", "customer", "id"});
  auto customer = open_customer_ws(port, chat.token);

  const auto blocked = expect(call(port, "POST", "/api/v1/blocks", f.sam.token,
                                   json::object{{"email", "TROLL@Example.COM"}, {"reason", "abusive language"}}),
                              201, "block by email");
  const auto& block = blocked.at("block").as_object();
  const auto block_id = *int_at(block, {"id"});
  EXPECT_EQ(str_at(block, {"email"}), "troll@example.com") << to_text(block);
  EXPECT_EQ(int_at(block, {"customer_id"}), customer_id) << to_text(block);
  EXPECT_EQ(str_at(block, {"reason"}), "abusive language") << to_text(block);
  EXPECT_EQ(int_at(block, {"blocked_by"}), f.sam.id) << to_text(block);
  EXPECT_TRUE(block.at("lifted_at").is_null()) << to_text(block);

  // The customer's socket is told and closed with 1008.
  EXPECT_EQ(customer->expect_closed(), 1008);
  bool told = false;
  for (const auto& frame : customer->backlog())
    told = told || (str_at(frame, {"type"}) == "error" && str_at(frame, {"data", "code"}) == "customer_blocked");
  EXPECT_TRUE(told) << "no error customer_blocked before the close: " << customer->describe();

  // The chat is closed as blocked, with a system message; the agent sees it live.
  const auto closed = ann_ws->wait_for("session_update", session_is(chat.session_id, "closed"));
  EXPECT_EQ(str_at(closed, {"data", "session", "close_reason"}), "blocked") << to_text(closed);
  ann_ws->wait_for("block_update", [&](const json::object& fr) { return int_at(fr, {"data", "block", "id"}) == block_id; });
  const auto session = fetch_session(port, f.sam.token, chat.session_id);
  EXPECT_EQ(str_at(session, {"status"}), "closed") << to_text(session);
  EXPECT_EQ(str_at(session, {"close_reason"}), "blocked") << to_text(session);
  const auto history = fetch_messages(port, f.sam.token, chat.session_id);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(str_at(history.back(), {"sender_type"}), "system") << to_text(history.back());
  EXPECT_TRUE(open_chats_empty(port, f.ann.token));

  // Listed for all staff; a second block is a conflict.
  EXPECT_TRUE(has(active_block_ids(port, f.ann.token), block_id));
  EXPECT_TRUE(has(active_block_ids(port, f.sam.token), block_id));
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/blocks", f.sam.token,
                           json::object{{"email", "troll@example.com"}, {"reason", "again"}}),
                      409, "already_blocked"));

  // Later starts are refused, whatever the case of the address.
  EXPECT_TRUE(IsError(start_chat_request(port, "Troll", "troll@example.com"), 403, "customer_blocked"));
  EXPECT_TRUE(IsError(start_chat_request(port, "Troll", "Troll@EXAMPLE.com"), 403, "customer_blocked"));
  // A fresh socket on the old token does not revive the chat.
  EXPECT_TRUE(IsError(post_message(port, chat.token, chat.session_id, "let me in"), 409, "session_closed"));

  // Agents may not block or unblock.
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/blocks", f.ann.token,
                           json::object{{"email", "other@example.com"}, {"reason", "x"}}),
                      403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "DELETE", "/api/v1/blocks?email=troll@example.com", f.ann.token), 403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/blocks", chat.token), 401));

  // Unblock, then the customer may start again.
  const auto lifted = expect(call(port, "DELETE", "/api/v1/blocks?email=troll@example.com", f.sam.token), 200,
                             "unblock");
  EXPECT_EQ(int_at(lifted, {"block", "id"}), block_id) << to_text(lifted);
  EXPECT_TRUE(is_iso_millis_utc(lifted.at("block").as_object().at("lifted_at"))) << to_text(lifted);
  ann_ws->wait_for("block_update", [&](const json::object& fr) {
    return int_at(fr, {"data", "block", "id"}) == block_id && str_at(fr, {"data", "action"}) == "unblocked";
  });
  EXPECT_FALSE(has(active_block_ids(port, f.sam.token), block_id));
  EXPECT_TRUE(HasStatus(start_chat_request(port, "Troll", "troll@example.com"), 201));
  EXPECT_TRUE(IsError(call(port, "DELETE", "/api/v1/blocks?email=troll@example.com", f.sam.token), 404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "DELETE", "/api/v1/blocks?email=nobody@example.com", f.sam.token), 404, "not_found"));

  EXPECT_TRUE(Audited(port, f.ada.token, f.sam.id, "customer.blocked", sid(customer_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.sam.id, "customer.unblocked", sid(customer_id)));
  EXPECT_TRUE(audit_entries(port, f.ada.token, "action=customer.blocked&actor=" + sid(f.ann.id)).empty());
}

TEST(ToolsBlock, BlockingByCustomerIdClosesAWaitingChat) {
  ToolsFloor f;
  const auto port = f.port();
  auto sam_dash = open_dashboard(port, f.sam.token, nullptr, "sam-dashboard");
  const auto chat = start_chat(port, "Zed", "zed@example.com", {{"message", "buy cheap watches"}});
  const auto customer_id = *int_at(chat.body, {"session", "customer", "id"});
  auto customer = open_customer_ws(port, chat.token);

  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/blocks", f.sam.token,
                           json::object{{"customer_id", 999999}, {"reason", "nobody"}}),
                      404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/blocks", f.sam.token, json::object{{"reason", "who?"}}), 400));

  const auto blocked = expect(call(port, "POST", "/api/v1/blocks", f.sam.token,
                                   json::object{{"customer_id", customer_id}, {"reason", "spam"}}),
                              201, "block by customer id");
  EXPECT_EQ(str_at(blocked, {"block", "email"}), "zed@example.com") << to_text(blocked);
  EXPECT_EQ(int_at(blocked, {"block", "customer_id"}), customer_id) << to_text(blocked);
  EXPECT_EQ(customer->expect_closed(), 1008);
  const auto update = sam_dash->wait_for("session_update", session_is(chat.session_id, "closed"));
  EXPECT_EQ(str_at(update, {"data", "session", "close_reason"}), "blocked") << to_text(update);
  EXPECT_EQ(str_at(fetch_session(port, f.sam.token, chat.session_id), {"close_reason"}), "blocked");
  EXPECT_TRUE(IsError(start_chat_request(port, "Zed", "ZED@example.com"), 403, "customer_blocked"));

  EXPECT_TRUE(Audited(port, f.ada.token, f.sam.id, "customer.blocked", sid(customer_id)));
}

// ---- supervision ----------------------------------------------------------

TEST(ToolsSupervision, SupervisorWatchesOnTheAgentSocketWithoutAnyoneBeingTold) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  auto sam_ws = open_staff(port, f.sam.token, "sam");
  const auto chat = chat_taken_by(port, f.ann.token, "Lou", "lou@example.com", "first");
  const auto other = chat_taken_by(port, f.ben.token, "Max", "max@example.com", "other chat");
  auto customer = open_customer_ws(port, chat.token);

  // Watching is a read: an agent may watch someone else's chat too (the Access tests), but not a chat that
  // is not open.
  ann_ws->send_json("watch", {{"session_id", 999999}});
  ann_ws->wait_for("error");
  EXPECT_TRUE(NeverGot(*ann_ws, "watching"));

  sam_ws->send_json("watch", {{"session_id", chat.session_id}});
  sam_ws->wait_for("watching", for_session(chat.session_id));

  // The customer writes and types; the agent writes and types: the watcher sees all of it.
  customer->send_json("send_message", {{"body", "is anyone there?"}, {"client_msg_id", "c-1"}});
  customer->wait_for("message_ack", ack_for("c-1"));
  ann_ws->wait_for("message_created", message_with_body(chat.session_id, "is anyone there?"));
  sam_ws->wait_for("message_created", message_with_body(chat.session_id, "is anyone there?"));
  customer->send_json("typing", {{"is_typing", true}});
  ann_ws->wait_for("typing_indicator", for_session(chat.session_id));
  const auto customer_typing = sam_ws->wait_for("typing_indicator", for_session(chat.session_id));
  EXPECT_EQ(str_at(customer_typing, {"data", "sender_type"}), "customer") << to_text(customer_typing);
  ann_ws->send_json("typing", {{"session_id", chat.session_id}, {"is_typing", true}});
  customer->wait_for("typing_indicator", for_session(chat.session_id));
  const auto agent_typing = sam_ws->wait_for("typing_indicator", [&](const json::object& fr) {
    return for_session(chat.session_id)(fr) && str_at(fr, {"data", "sender_type"}) == "agent";
  });
  ASSERT_TRUE(HasStatus(post_message(port, f.ann.token, chat.session_id, "yes, Ann here"), 201));
  customer->wait_for("message_created", message_with_body(chat.session_id, "yes, Ann here"));
  sam_ws->wait_for("message_created", message_with_body(chat.session_id, "yes, Ann here"));

  // Neither side was told, and no system message appeared.
  EXPECT_TRUE(NeverGot(*customer, "", mentions("watch")));
  EXPECT_TRUE(NeverGot(*customer, "message_created", system_message(chat.session_id, "")));
  EXPECT_TRUE(NeverGot(*customer, "", mentions(kSam.name)));
  EXPECT_TRUE(NeverGot(*ann_ws, "", mentions("watch")));
  EXPECT_TRUE(NeverGot(*ann_ws, "message_created", system_message(chat.session_id, "")));
  for (const auto& m : fetch_messages(port, chat.token, chat.session_id))
    EXPECT_NE(str_at(m, {"sender_type"}), "system") << to_text(m);
  // The other chat stays out of the watcher's socket.
  ASSERT_TRUE(HasStatus(post_message(port, f.ben.token, other.session_id, "ben to max"), 201));
  ben_ws->wait_for("message_created", message_with_body(other.session_id, "ben to max"));
  EXPECT_TRUE(NeverGot(*sam_ws, "message_created", for_session(other.session_id)));

  // Unwatch stops it.
  sam_ws->send_json("unwatch", {{"session_id", chat.session_id}});
  sam_ws->sync();
  ASSERT_TRUE(HasStatus(post_message(port, f.ann.token, chat.session_id, "after unwatch"), 201));
  customer->wait_for("message_created", message_with_body(chat.session_id, "after unwatch"));
  EXPECT_TRUE(NeverGot(*sam_ws, "message_created", message_with_body(chat.session_id, "after unwatch")));
}

TEST(ToolsSupervision, DashboardWatchGetsTheWatchedChatOnly) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  const auto a = chat_taken_by(port, f.ann.token, "Amy", "amy@example.com", "A0");
  const auto b = chat_taken_by(port, f.ann.token, "Bob", "bob@example.com", "B0");
  auto ca = open_customer_ws(port, a.token, "customer-a");
  auto cb = open_customer_ws(port, b.token, "customer-b");
  auto dash = open_dashboard(port, f.sam.token, nullptr, "sam-dashboard");

  dash->send_json("watch", {{"session_id", a.session_id}});
  dash->wait_for("watching", for_session(a.session_id));
  ca->send_json("send_message", {{"body", "A1"}, {"client_msg_id", "a-1"}});
  dash->wait_for("message_created", message_with_body(a.session_id, "A1"));
  ca->send_json("typing", {{"is_typing", true}});
  dash->wait_for("typing_indicator", for_session(a.session_id));
  cb->send_json("send_message", {{"body", "B1"}, {"client_msg_id", "b-1"}});
  ann_ws->wait_for("message_created", message_with_body(b.session_id, "B1"));
  cb->wait_for("message_ack", ack_for("b-1"));
  EXPECT_TRUE(NeverGot(*dash, "message_created", for_session(b.session_id)));

  // A whisper on the watched chat reaches the watcher too.
  const auto whisper = expect(call(port, "POST", session_path(a.session_id, "/whispers"), f.sam.token,
                                   json::object{{"body", "check her order history"}}),
                              201, "whisper");
  const auto wid = *int_at(whisper, {"whisper", "id"});
  dash->wait_for("whisper", note_is(wid, "created"));
  ann_ws->wait_for("whisper", note_is(wid, "created"));
  EXPECT_TRUE(NeverGot(*ca, "", mentions("order history")));

  dash->send_json("unwatch", {{"session_id", a.session_id}});
  dash->wait_for("unwatched", for_session(a.session_id));
  ca->send_json("send_message", {{"body", "A2"}, {"client_msg_id", "a-2"}});
  ann_ws->wait_for("message_created", message_with_body(a.session_id, "A2"));
  EXPECT_TRUE(NeverGot(*dash, "message_created", message_with_body(a.session_id, "A2")));
}

TEST(ToolsSupervision, WhisperReachesTheAgentAndNeverTheCustomer) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = chat_taken_by(port, f.ann.token, "Kim", "kim@example.com", "refund please");
  auto customer = open_customer_ws(port, chat.token);

  const auto created = expect(call(port, "POST", session_path(chat.session_id, "/whispers"), f.sam.token,
                                   json::object{{"body", "offer a 10% voucher"}}),
                              201, "whisper");
  const auto& whisper = created.at("whisper").as_object();
  const auto wid = *int_at(whisper, {"id"});
  EXPECT_EQ(str_at(whisper, {"kind"}), "whisper") << to_text(whisper);
  EXPECT_EQ(int_at(whisper, {"author", "id"}), f.sam.id) << to_text(whisper);
  EXPECT_EQ(str_at(whisper, {"author", "name"}), kSam.name) << to_text(whisper);
  EXPECT_EQ(str_at(whisper, {"body"}), "offer a 10% voucher") << to_text(whisper);

  const auto live = ann_ws->wait_for("whisper", note_is(wid, "created"));
  EXPECT_EQ(str_at(live, {"data", "note", "body"}), "offer a 10% voucher") << to_text(live);
  EXPECT_TRUE(NeverGot(*customer, "whisper"));
  EXPECT_TRUE(NeverGot(*customer, "", mentions("voucher")));
  EXPECT_TRUE(NeverGot(*ben_ws, "whisper"));
  for (const auto& m : fetch_messages(port, chat.token, chat.session_id))
    EXPECT_EQ(str_at(m, {"body"}).find("voucher"), std::string::npos) << "a whisper leaked: " << to_text(m);

  // Agents do not whisper; empty whispers are refused.
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/whispers"), f.ann.token,
                           json::object{{"body", "psst"}}),
                      403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/whispers"), chat.token,
                           json::object{{"body", "psst"}}),
                      401));
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/whispers"), f.sam.token,
                           json::object{{"body", "   "}}),
                      400));
  EXPECT_TRUE(IsError(call(port, "POST", session_path(999999, "/whispers"), f.sam.token, json::object{{"body", "x"}}),
                      404));
  EXPECT_TRUE(NeverGot(*customer, "whisper"));

  EXPECT_TRUE(Audited(port, f.ada.token, f.sam.id, "session.whisper", sid(chat.session_id)));
  EXPECT_TRUE(audit_entries(port, f.ada.token, "action=session.whisper&actor=" + sid(f.ann.id)).empty());
}

TEST(ToolsSupervision, BargeInMakesTheSupervisorAVisibleParticipant) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  const auto chat = chat_taken_by(port, f.ann.token, "Dee", "dee@example.com", "I want a manager");
  auto customer = open_customer_ws(port, chat.token);
  const auto waiting = start_chat(port, "Wyn", "wyn@example.com");

  // Before joining, the supervisor cannot write to the chat.
  const auto early = post_message(port, f.sam.token, chat.session_id, "too early");
  EXPECT_TRUE(IsError(early, 403, "not_your_chat")) << early.describe();
  // Agents cannot barge in.
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/barge-in"), f.ann.token), 403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/barge-in"), chat.token), 401));
  // Only a chat with an agent can be joined.
  const auto on_waiting = call(port, "POST", session_path(waiting.session_id, "/barge-in"), f.sam.token);
  EXPECT_TRUE(IsError(on_waiting, 409)) << on_waiting.describe();
  EXPECT_TRUE(IsError(call(port, "POST", session_path(999999, "/barge-in"), f.sam.token), 404));
  EXPECT_TRUE(NeverGot(*customer, "message_created", system_message(chat.session_id, "")));

  const auto joined = expect(call(port, "POST", session_path(chat.session_id, "/barge-in"), f.sam.token), 200,
                             "barge in");
  EXPECT_EQ(int_at(joined, {"session", "id"}), chat.session_id) << to_text(joined);
  customer->wait_for("message_created", system_message(chat.session_id, ""));
  ann_ws->wait_for("message_created", system_message(chat.session_id, ""));

  ASSERT_TRUE(HasStatus(post_message(port, f.sam.token, chat.session_id, "Hello Dee, I'm the manager"), 201));
  const auto heard = customer->wait_for("message_created", message_with_body(chat.session_id, "Hello Dee, I'm the manager"));
  EXPECT_EQ(int_at(heard, {"data", "message", "sender_user_id"}), f.sam.id) << to_text(heard);
  EXPECT_NE(str_at(heard, {"data", "message", "sender_type"}), "customer") << to_text(heard);
  ann_ws->wait_for("message_created", message_with_body(chat.session_id, "Hello Dee, I'm the manager"));
  // The chat stays Ann's.
  EXPECT_EQ(int_at(fetch_session(port, f.sam.token, chat.session_id), {"agent", "id"}), f.ann.id);

  EXPECT_TRUE(Audited(port, f.ada.token, f.sam.id, "session.barge_in", sid(chat.session_id)));
  EXPECT_TRUE(audit_entries(port, f.ada.token, "action=session.barge_in&actor=" + sid(f.ann.id)).empty());
}

// ---- roles ----------------------------------------------------------------

TEST(ToolsRoles, AgentsCannotUseSupervisorToolsAndSupervisorsCannotAddSharedResponses) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  const auto chat = chat_taken_by(port, f.ann.token, "Ray", "ray@example.com", "hello");
  const auto sp = [&](const std::string& suffix) { return session_path(chat.session_id, suffix); };

  for (const auto* agent : {&f.ann, &f.ben}) {
    SCOPED_TRACE("agent " + sid(agent->id));
    EXPECT_TRUE(IsError(call(port, "POST", sp("/assign"), agent->token, json::object{{"agent_id", f.ben.id}}), 403,
                        "forbidden"));
    EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/blocks", agent->token,
                             json::object{{"email", "ray@example.com"}, {"reason", "x"}}),
                        403, "forbidden"));
    EXPECT_TRUE(IsError(call(port, "DELETE", "/api/v1/blocks?email=ray@example.com", agent->token), 403, "forbidden"));
    EXPECT_TRUE(IsError(call(port, "POST", sp("/whispers"), agent->token, json::object{{"body", "psst"}}), 403,
                        "forbidden"));
    EXPECT_TRUE(IsError(call(port, "POST", sp("/barge-in"), agent->token), 403, "forbidden"));
    EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/canned-responses", agent->token,
                             json::object{{"shortcut", "s" + sid(agent->id)}, {"title", "t"}, {"body", "b"}, {"shared", true}}),
                        403, "forbidden"));
    EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/admin/audit", agent->token), 403, "forbidden"));
  }
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/canned-responses", f.sam.token,
                           json::object{{"shortcut", "sam"}, {"title", "t"}, {"body", "b"}, {"shared", true}}),
                      403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/admin/audit", f.sam.token), 403, "forbidden"));

  // A customer token opens no tool at all, and neither does no token.
  for (const auto& token : {chat.token, std::string()}) {
    SCOPED_TRACE(token.empty() ? "no token" : "customer token");
    EXPECT_TRUE(IsError(call(port, "GET", sp("/notes"), token), 401));
    EXPECT_TRUE(IsError(call(port, "GET", sp("/transfers"), token), 401));
    EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/canned-responses", token), 401));
    EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/blocks", token), 401));
    EXPECT_TRUE(IsError(call(port, "POST", sp("/barge-in"), token), 401));
    EXPECT_TRUE(IsError(call(port, "POST", sp("/transfers"), token, json::object{{"to_agent_id", nullptr}}), 401));
  }

  // Nothing happened, so nothing was audited, and the chat is still Ann's and open.
  for (const auto* action : {"session.assigned", "customer.blocked", "customer.unblocked", "session.whisper",
                             "session.barge_in", "canned.created", "transfer.requested"})
    EXPECT_TRUE(audit_entries(port, f.ada.token, std::string("action=") + action).empty()) << action;
  const auto session = fetch_session(port, f.sam.token, chat.session_id);
  EXPECT_EQ(str_at(session, {"status"}), "active") << to_text(session);
  EXPECT_EQ(int_at(session, {"agent", "id"}), f.ann.id) << to_text(session);
  EXPECT_TRUE(active_block_ids(port, f.sam.token).empty());
}

// ---- the audit log ----------------------------------------------------------

TEST(ToolsAudit, EveryToolActionIsListedAndTheLogFiltersByActorAndAction) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");

  // One of everything.
  const auto c1 = start_chat(port, "One", "one@example.com");
  expect(call(port, "POST", session_path(c1.session_id, "/assign"), f.sam.token, json::object{{"agent_id", f.ann.id}}),
         200, "assign");
  const auto t1 = *int_at(expect(call(port, "POST", session_path(c1.session_id, "/transfers"), f.ann.token,
                                      json::object{{"to_agent_id", f.ben.id}, {"reason", "r1"}}),
                                 201, "transfer 1"),
                          {"transfer", "id"});
  expect(call(port, "POST", "/api/v1/transfers/" + sid(t1) + "/decline", f.ben.token), 200, "decline");
  const auto t2 = *int_at(expect(call(port, "POST", session_path(c1.session_id, "/transfers"), f.ann.token,
                                      json::object{{"to_agent_id", f.ben.id}, {"reason", "r2"}}),
                                 201, "transfer 2"),
                          {"transfer", "id"});
  expect(call(port, "POST", "/api/v1/transfers/" + sid(t2) + "/accept", f.ben.token), 200, "accept");
  const auto note_id = *int_at(expect(call(port, "POST", session_path(c1.session_id, "/notes"), f.ben.token,
                                           json::object{{"body", "n1"}}),
                                      201, "note"),
                               {"note", "id"});
  expect(call(port, "PATCH", "/api/v1/notes/" + sid(note_id), f.ben.token, json::object{{"body", "n2"}}), 200, "edit");
  expect(call(port, "DELETE", "/api/v1/notes/" + sid(note_id), f.ben.token), 200, "delete");
  const auto shared_id = *int_at(expect(call(port, "POST", "/api/v1/canned-responses", f.ada.token,
                                             json::object{{"shortcut", "hi"}, {"title", "Hi"}, {"body", "Hi!"},
                                                          {"shared", true}}),
                                        201, "shared canned"),
                                 {"canned_response", "id"});
  const auto mine_id = *int_at(expect(call(port, "POST", "/api/v1/canned-responses", f.ann.token,
                                           json::object{{"shortcut", "bye"}, {"title", "Bye"}, {"body", "Bye!"}}),
                                      201, "personal canned"),
                               {"canned_response", "id"});
  expect(call(port, "POST", session_path(c1.session_id, "/whispers"), f.sam.token, json::object{{"body", "w"}}), 201,
         "whisper");
  expect(call(port, "POST", session_path(c1.session_id, "/barge-in"), f.sam.token), 200, "barge in");
  const auto c2 = start_chat(port, "Two", "two@example.com");
  const auto customer2 = *int_at(c2.body, {"session", "customer", "id"});
  expect(call(port, "POST", "/api/v1/blocks", f.sam.token, json::object{{"email", "two@example.com"}, {"reason", "x"}}),
         201, "block");
  expect(call(port, "DELETE", "/api/v1/blocks?email=two@example.com", f.sam.token), 200, "unblock");

  const std::vector<std::tuple<std::int64_t, std::string, std::string>> expected{
      {f.sam.id, "session.assigned", sid(c1.session_id)},   {f.ann.id, "transfer.requested", sid(c1.session_id)},
      {f.ben.id, "transfer.declined", sid(c1.session_id)},  {f.ben.id, "transfer.accepted", sid(c1.session_id)},
      {f.ben.id, "note.created", sid(c1.session_id)},       {f.ben.id, "note.updated", sid(note_id)},
      {f.ben.id, "note.deleted", sid(note_id)},             {f.ada.id, "canned.created", sid(shared_id)},
      {f.ann.id, "canned.created", sid(mine_id)},           {f.sam.id, "session.whisper", sid(c1.session_id)},
      {f.sam.id, "session.barge_in", sid(c1.session_id)},   {f.sam.id, "customer.blocked", sid(customer2)},
      {f.sam.id, "customer.unblocked", sid(customer2)},
  };
  for (const auto& [actor, action, target] : expected)
    EXPECT_TRUE(Audited(port, f.ada.token, actor, action, target));

  // actor= returns exactly that actor's entries, all of its tool actions among them.
  const std::map<std::int64_t, std::set<std::string>> by_actor{
      {f.sam.id, {"session.assigned", "session.whisper", "session.barge_in", "customer.blocked", "customer.unblocked"}},
      {f.ann.id, {"transfer.requested", "canned.created"}},
      {f.ben.id, {"transfer.declined", "transfer.accepted", "note.created", "note.updated", "note.deleted"}},
      {f.ada.id, {"canned.created"}},
  };
  for (const auto& [actor, actions] : by_actor) {
    std::set<std::string> seen;
    for (const auto& e : audit_entries(port, f.ada.token, "actor=" + sid(actor) + "&limit=500")) {
      EXPECT_EQ(int_at(e, {"actor_user_id"}), actor) << to_text(e);
      seen.insert(str_at(e, {"action"}));
    }
    for (const auto& action : actions) EXPECT_TRUE(seen.count(action)) << "actor " << actor << " lacks " << action;
  }
  // action= returns only that action; ann requested twice.
  const auto requested = audit_entries(port, f.ada.token, "action=transfer.requested&limit=500");
  EXPECT_EQ(requested.size(), 2u);
  for (const auto& e : requested) EXPECT_EQ(str_at(e, {"action"}), "transfer.requested") << to_text(e);
  // Newest first, paged by id.
  const auto page = expect(call(port, "GET", "/api/v1/admin/audit?limit=2", f.ada.token), 200, "audit page");
  const auto& entries = page.at("entries").as_array();
  ASSERT_EQ(entries.size(), 2u) << to_text(page);
  EXPECT_GT(*int_at(entries[0].as_object(), {"id"}), *int_at(entries[1].as_object(), {"id"})) << to_text(page);
  EXPECT_EQ(str_at(entries[0].as_object(), {"action"}), "customer.unblocked") << to_text(page);
  ASSERT_TRUE(page.at("next_before").is_int64()) << to_text(page);
  const auto older = audit_entries(port, f.ada.token, "limit=2&before=" + sid(page.at("next_before").as_int64()));
  ASSERT_FALSE(older.empty());
  EXPECT_LT(*int_at(older[0], {"id"}), *int_at(entries[1].as_object(), {"id"}));
  EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/admin/audit?actor=" + sid(f.sam.id), f.sam.token), 403));
}

}  // namespace
}  // namespace livedesk::it::tools
