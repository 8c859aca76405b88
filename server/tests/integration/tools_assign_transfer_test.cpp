// Agent tools that move chats between agents (docs/api.md, "Agent tools"):
// supervisor assignment (capacity and force) and agent transfers (accept,
// decline, expiry, back to the queue), with the live frames each party gets
// and the audit entries they leave.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/tools_support.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it::tools {
namespace {
namespace json = boost::json;

HttpResult assign(const ToolsFloor& f, const std::string& token, std::int64_t session_id, std::int64_t agent_id,
                  std::optional<bool> force = std::nullopt) {
  json::object body{{"agent_id", agent_id}};
  if (force) body["force"] = *force;
  return call(f.port(), "POST", session_path(session_id, "/assign"), token, body);
}

HttpResult transfer(const ToolsFloor& f, const std::string& token, std::int64_t session_id,
                    std::optional<std::int64_t> to, const std::string& reason) {
  json::object body{{"to_agent_id", to ? json::value(*to) : json::value(nullptr)}, {"reason", reason}};
  return call(f.port(), "POST", session_path(session_id, "/transfers"), token, body);
}

HttpResult answer(const ToolsFloor& f, const std::string& token, std::int64_t transfer_id, const std::string& verb) {
  return call(f.port(), "POST", "/api/v1/transfers/" + sid(transfer_id) + "/" + verb, token);
}

// The ids of the caller's open chats (GET /api/v1/agent/sessions).
std::vector<std::int64_t> open_chats(const ToolsFloor& f, const std::string& token) {
  const auto body = expect(call(f.port(), "GET", "/api/v1/agent/sessions", token), 200, "agent sessions");
  std::vector<std::int64_t> ids;
  for (const auto& s : body.at("sessions").as_array()) ids.push_back(*int_at(s.as_object(), {"id"}));
  return ids;
}

bool contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// ---- assignment -----------------------------------------------------------

TEST(ToolsAssign, SupervisorAssignsAWaitingChatAndTheCustomerIsToldTheAgentsName) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = start_chat(port, "Rita", "rita@example.com", {{"message", "hello?"}});
  auto customer = open_customer_ws(port, chat.token);
  EXPECT_EQ(str_at(fetch_session(port, f.sam.token, chat.session_id), {"status"}), "waiting");

  const auto assigned = expect(assign(f, f.sam.token, chat.session_id, f.ann.id), 200, "assign to ann");
  EXPECT_EQ(str_at(assigned, {"session", "status"}), "active") << to_text(assigned);
  EXPECT_EQ(int_at(assigned, {"session", "agent", "id"}), f.ann.id) << to_text(assigned);

  // Ann is told live; the customer sees a system message naming her.
  ann_ws->wait_for("session_update", assigned_to(chat.session_id, f.ann.id));
  customer->wait_for("session_update", assigned_to(chat.session_id, f.ann.id));
  customer->wait_for("message_created", system_message(chat.session_id, kAnn.name));
  EXPECT_TRUE(contains(open_chats(f, f.ann.token), chat.session_id));
  EXPECT_FALSE(contains(open_chats(f, f.ben.token), chat.session_id));
  // The system message is part of the stored history too.
  bool stored = false;
  for (const auto& m : fetch_messages(port, chat.token, chat.session_id))
    stored = stored || (str_at(m, {"sender_type"}) == "system" &&
                        str_at(m, {"body"}).find(kAnn.name) != std::string::npos);
  EXPECT_TRUE(stored) << "no system message naming " << kAnn.name << " in the customer's history";

  EXPECT_TRUE(Audited(port, f.ada.token, f.sam.id, "session.assigned", sid(chat.session_id)));
}

TEST(ToolsAssign, ReassigningAnActiveChatMovesItLiveAndThePreviousAgentLosesIt) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = chat_taken_by(port, f.ann.token, "Omar", "omar@example.com", "my order is late");
  auto customer = open_customer_ws(port, chat.token);
  ASSERT_TRUE(HasStatus(post_message(port, f.ann.token, chat.session_id, "Looking into it"), 201));

  const auto moved = expect(assign(f, f.sam.token, chat.session_id, f.ben.id), 200, "reassign to ben");
  EXPECT_EQ(int_at(moved, {"session", "agent", "id"}), f.ben.id) << to_text(moved);

  // Ben gets it live, Ann sees it is no longer hers, the customer is told Ben's name.
  ben_ws->wait_for("session_update", assigned_to(chat.session_id, f.ben.id));
  ann_ws->wait_for("session_update", assigned_to(chat.session_id, f.ben.id));
  customer->wait_for("message_created", system_message(chat.session_id, kBen.name));
  EXPECT_FALSE(contains(open_chats(f, f.ann.token), chat.session_id));
  EXPECT_TRUE(contains(open_chats(f, f.ben.token), chat.session_id));

  // Only the new agent may write to the chat now.
  const auto late = post_message(port, f.ann.token, chat.session_id, "still here?");
  EXPECT_TRUE(IsError(late, 403, "not_your_chat")) << late.describe();
  ASSERT_TRUE(HasStatus(post_message(port, f.ben.token, chat.session_id, "Ben here, I have your order"), 201));
  customer->wait_for("message_created", message_with_body(chat.session_id, "Ben here, I have your order"));
  // Ben sees the whole history.
  const auto history = fetch_messages(port, f.ben.token, chat.session_id);
  ASSERT_GE(history.size(), 3u);
  EXPECT_EQ(str_at(history[0], {"body"}), "my order is late");
  EXPECT_EQ(str_at(history[1], {"body"}), "Looking into it");

  const auto entries = audit_entries(port, f.ada.token, "action=session.assigned&actor=" + sid(f.sam.id));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(str_at(entries[0], {"target_type"}), "session") << to_text(entries[0]);
  EXPECT_EQ(str_at(entries[0], {"target_id"}), sid(chat.session_id)) << to_text(entries[0]);
  EXPECT_EQ(int_at(entries[0], {"detail", "agent_id"}), f.ben.id) << to_text(entries[0]);
  EXPECT_EQ(int_at(entries[0], {"detail", "previous_agent_id"}), f.ann.id) << to_text(entries[0]);
}

TEST(ToolsAssign, CapacityIsRespectedUnlessForced) {
  ToolsFloor f;
  const auto port = f.port();
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  for (int i = 0; i < 3; ++i)  // the default capacity
    chat_taken_by(port, f.ben.token, "Full " + std::to_string(i), "full" + std::to_string(i) + "@example.com");
  const auto extra = start_chat(port, "Extra", "extra@example.com");

  EXPECT_TRUE(IsError(assign(f, f.sam.token, extra.session_id, f.ben.id), 409, "at_capacity"));
  EXPECT_TRUE(IsError(assign(f, f.sam.token, extra.session_id, f.ben.id, false), 409, "at_capacity"));
  EXPECT_EQ(str_at(fetch_session(port, f.sam.token, extra.session_id), {"status"}), "waiting");

  const auto forced = expect(assign(f, f.sam.token, extra.session_id, f.ben.id, true), 200, "forced assign");
  EXPECT_EQ(int_at(forced, {"session", "agent", "id"}), f.ben.id) << to_text(forced);
  ben_ws->wait_for("session_update", assigned_to(extra.session_id, f.ben.id));
  EXPECT_EQ(open_chats(f, f.ben.token).size(), 4u);

  const auto entries = audit_entries(port, f.ada.token, "action=session.assigned&actor=" + sid(f.sam.id));
  ASSERT_EQ(entries.size(), 1u) << "only the forced assignment happened";
  EXPECT_EQ(str_at(entries[0], {"target_id"}), sid(extra.session_id)) << to_text(entries[0]);
  const auto* force = find_path(entries[0], {"detail", "force"});
  ASSERT_TRUE(force && force->is_bool()) << to_text(entries[0]);
  EXPECT_TRUE(force->get_bool()) << to_text(entries[0]);
}

TEST(ToolsAssign, RefusesAgentsUnknownAgentsClosedChatsAndBadBodies) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  const auto chat = start_chat(port, "Pia", "pia@example.com");

  // Roles: an agent may not assign, a customer even less.
  EXPECT_TRUE(IsError(assign(f, f.ann.token, chat.session_id, f.ann.id), 403, "forbidden"));
  EXPECT_TRUE(IsError(assign(f, chat.token, chat.session_id, f.ann.id), 401));
  EXPECT_TRUE(IsError(assign(f, "", chat.session_id, f.ann.id), 401));
  // Bad input.
  EXPECT_TRUE(IsError(assign(f, f.sam.token, chat.session_id, 999999), 404, "not_found"));
  EXPECT_TRUE(IsError(assign(f, f.sam.token, 999999, f.ann.id), 404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/assign"), f.sam.token, json::object{}), 400,
                      "missing_field"));
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/assign"), f.sam.token,
                           json::object{{"agent_id", f.ann.id}, {"force", "yes"}}),
                      400, "invalid_field"));
  EXPECT_EQ(str_at(fetch_session(port, f.sam.token, chat.session_id), {"status"}), "waiting");

  // A closed chat cannot be assigned.
  ASSERT_TRUE(HasStatus(call(port, "POST", session_path(chat.session_id, "/close"), f.sam.token), 200));
  const auto closed = assign(f, f.sam.token, chat.session_id, f.ann.id);
  EXPECT_TRUE(IsError(closed, 409, "session_closed")) << closed.describe();
  EXPECT_EQ(str_at(fetch_session(port, f.sam.token, chat.session_id), {"status"}), "closed");

  EXPECT_TRUE(audit_entries(port, f.ada.token, "action=session.assigned").empty())
      << "a refused assignment must not be audited as done";
}

// ---- transfers ------------------------------------------------------------

TEST(ToolsTransfer, AcceptedTransferMovesTheChatWithItsHistoryAndNotes) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  auto cal_ws = open_idle(port, f.cal.token, "cal");
  const auto chat = chat_taken_by(port, f.ann.token, "Vera", "vera@example.com", "my invoice is wrong");
  auto customer = open_customer_ws(port, chat.token);
  ASSERT_TRUE(HasStatus(post_message(port, f.ann.token, chat.session_id, "Let me find billing for you"), 201));
  const auto note = expect(call(port, "POST", session_path(chat.session_id, "/notes"), f.ann.token,
                                json::object{{"body", "invoice 4711 was charged twice"}}),
                           201, "ann's note");
  const auto note_id = *int_at(note, {"note", "id"});

  const auto requested = expect(transfer(f, f.ann.token, chat.session_id, f.ben.id, "billing question"), 201,
                                "transfer to ben");
  const auto tid = *int_at(requested, {"transfer", "id"});
  EXPECT_EQ(str_at(requested, {"transfer", "status"}), "pending") << to_text(requested);
  EXPECT_EQ(int_at(requested, {"transfer", "session_id"}), chat.session_id) << to_text(requested);
  EXPECT_EQ(int_at(requested, {"transfer", "from_agent_id"}), f.ann.id) << to_text(requested);
  EXPECT_EQ(int_at(requested, {"transfer", "to_agent_id"}), f.ben.id) << to_text(requested);
  EXPECT_EQ(str_at(requested, {"transfer", "reason"}), "billing question") << to_text(requested);

  // Ben is asked; the floor sees the pending transfer; nobody else is asked.
  const auto asked = ben_ws->wait_for("transfer_requested", transfer_is(tid, "pending"));
  EXPECT_EQ(int_at(asked, {"data", "transfer", "from_agent_id"}), f.ann.id) << to_text(asked);
  const auto pending = ann_ws->wait_for("session_update", session_change(chat.session_id, "transfer_pending"));
  EXPECT_EQ(int_at(pending, {"data", "transfer", "id"}), tid) << to_text(pending);
  EXPECT_TRUE(NeverGot(*ann_ws, "transfer_requested"));
  EXPECT_TRUE(NeverGot(*cal_ws, "transfer_requested"));
  // Still Ann's until Ben answers; a second request waits its turn.
  EXPECT_EQ(int_at(fetch_session(port, f.sam.token, chat.session_id), {"agent", "id"}), f.ann.id);
  EXPECT_TRUE(IsError(transfer(f, f.ann.token, chat.session_id, f.cal.id, "or cal"), 409, "transfer_pending"));
  const auto listed = expect(call(port, "GET", session_path(chat.session_id, "/transfers"), f.ann.token), 200,
                             "transfers of the chat");
  ASSERT_EQ(listed.at("transfers").as_array().size(), 1u) << to_text(listed);
  EXPECT_EQ(str_at(listed.at("transfers").as_array()[0].as_object(), {"status"}), "pending") << to_text(listed);

  // Only Ben answers.
  EXPECT_TRUE(IsError(answer(f, f.cal.token, tid, "accept"), 403));
  EXPECT_TRUE(IsError(answer(f, f.ann.token, tid, "accept"), 403));

  const auto accepted = expect(answer(f, f.ben.token, tid, "accept"), 200, "ben accepts");
  EXPECT_EQ(str_at(accepted, {"transfer", "status"}), "accepted") << to_text(accepted);
  EXPECT_FALSE(str_at(accepted, {"transfer", "resolved_at"}).empty()) << to_text(accepted);

  // Both sides of the transfer hear the outcome; the chat moved.
  ann_ws->wait_for("transfer_update", transfer_is(tid, "accepted"));
  ben_ws->wait_for("transfer_update", transfer_is(tid, "accepted"));
  ann_ws->wait_for("session_update", session_change(chat.session_id, "transfer_accepted"));
  ben_ws->wait_for("session_update", assigned_to(chat.session_id, f.ben.id));
  customer->wait_for("session_update", assigned_to(chat.session_id, f.ben.id));
  customer->wait_for("message_created", system_message(chat.session_id, kBen.name));
  EXPECT_FALSE(contains(open_chats(f, f.ann.token), chat.session_id));
  EXPECT_TRUE(contains(open_chats(f, f.ben.token), chat.session_id));

  // The whole history and the notes came along.
  const auto history = fetch_messages(port, f.ben.token, chat.session_id);
  ASSERT_GE(history.size(), 3u);
  EXPECT_EQ(str_at(history[0], {"body"}), "my invoice is wrong");
  EXPECT_EQ(str_at(history[1], {"body"}), "Let me find billing for you");
  const auto notes = expect(call(port, "GET", session_path(chat.session_id, "/notes"), f.ben.token), 200,
                            "ben reads the notes");
  ASSERT_EQ(notes.at("notes").as_array().size(), 1u) << to_text(notes);
  EXPECT_EQ(int_at(notes.at("notes").as_array()[0].as_object(), {"id"}), note_id) << to_text(notes);
  EXPECT_EQ(str_at(notes.at("notes").as_array()[0].as_object(), {"body"}), "invoice 4711 was charged twice");
  // Ann is off the chat: she still reads it (staff read every chat) but no longer writes to it, and Ben
  // cannot edit Ann's note.
  EXPECT_TRUE(HasStatus(call(port, "GET", session_path(chat.session_id, "/notes"), f.ann.token), 200));
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/notes"), f.ann.token,
                           json::object{{"body", "ann again"}}),
                      403, "not_your_chat"));
  EXPECT_TRUE(IsError(call(port, "PATCH", "/api/v1/notes/" + sid(note_id), f.ben.token,
                           json::object{{"body", "ben rewrites it"}}),
                      403, "not_author"));
  // Ben can write to the customer now; Ann cannot.
  ASSERT_TRUE(HasStatus(post_message(port, f.ben.token, chat.session_id, "Ben from billing here"), 201));
  customer->wait_for("message_created", message_with_body(chat.session_id, "Ben from billing here"));
  const auto ann_late = post_message(port, f.ann.token, chat.session_id, "me again");
  EXPECT_TRUE(IsError(ann_late, 403, "not_your_chat")) << ann_late.describe();
  // The customer never saw the note.
  EXPECT_TRUE(NeverGot(*customer, "", mentions("charged twice")));
  EXPECT_TRUE(NeverGot(*customer, "note_update"));

  // Answering twice is a conflict.
  EXPECT_TRUE(IsError(answer(f, f.ben.token, tid, "accept"), 409, "transfer_closed"));
  EXPECT_TRUE(IsError(answer(f, f.ben.token, tid, "decline"), 409, "transfer_closed"));

  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "transfer.requested", sid(chat.session_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ben.id, "transfer.accepted", sid(chat.session_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "note.created", sid(chat.session_id)));
}

TEST(ToolsTransfer, DeclinedTransferLeavesTheChatAndTellsTheRequester) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = chat_taken_by(port, f.ann.token, "Ida", "ida@example.com", "hi");
  auto customer = open_customer_ws(port, chat.token);

  const auto tid = *int_at(expect(transfer(f, f.ann.token, chat.session_id, f.ben.id, "busy"), 201, "transfer"),
                           {"transfer", "id"});
  ben_ws->wait_for("transfer_requested", transfer_is(tid, "pending"));
  const auto declined = expect(answer(f, f.ben.token, tid, "decline"), 200, "ben declines");
  EXPECT_EQ(str_at(declined, {"transfer", "status"}), "declined") << to_text(declined);

  ann_ws->wait_for("transfer_update", transfer_is(tid, "declined"));
  ann_ws->wait_for("session_update", session_change(chat.session_id, "transfer_declined"));
  ben_ws->wait_for("transfer_update", transfer_is(tid, "declined"));
  const auto session = fetch_session(port, f.sam.token, chat.session_id);
  EXPECT_EQ(str_at(session, {"status"}), "active") << to_text(session);
  EXPECT_EQ(int_at(session, {"agent", "id"}), f.ann.id) << to_text(session);
  EXPECT_TRUE(contains(open_chats(f, f.ann.token), chat.session_id));
  // The customer was not moved and got no "now chatting with" message.
  EXPECT_TRUE(NeverGot(*customer, "message_created", system_message(chat.session_id, kBen.name)));

  EXPECT_TRUE(IsError(answer(f, f.ben.token, tid, "accept"), 409, "transfer_closed"));
  const auto listed = expect(call(port, "GET", session_path(chat.session_id, "/transfers"), f.ann.token), 200,
                             "transfers");
  ASSERT_EQ(listed.at("transfers").as_array().size(), 1u) << to_text(listed);
  EXPECT_EQ(str_at(listed.at("transfers").as_array()[0].as_object(), {"status"}), "declined") << to_text(listed);
  // A new request may follow the answered one.
  EXPECT_TRUE(HasStatus(transfer(f, f.ann.token, chat.session_id, f.ben.id, "please, really"), 201));

  EXPECT_TRUE(Audited(port, f.ada.token, f.ben.id, "transfer.declined", sid(chat.session_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "transfer.requested", sid(chat.session_id)));
}

TEST(ToolsTransfer, UnansweredTransferExpiresAfterTheConfiguredTimeout) {
  ToolsFloor f({"--transfer-timeout-ms", "300", "--tick-ms", "100"});
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = chat_taken_by(port, f.ann.token, "Eli", "eli@example.com", "hello");

  const auto tid = *int_at(expect(transfer(f, f.ann.token, chat.session_id, f.ben.id, "shift ends"), 201,
                                  "transfer"),
                           {"transfer", "id"});
  ben_ws->wait_for("transfer_requested", transfer_is(tid, "pending"));
  // Nobody answers.
  ann_ws->wait_for("transfer_update", transfer_is(tid, "expired"));
  ben_ws->wait_for("transfer_update", transfer_is(tid, "expired"));
  const auto expired = ann_ws->wait_for("session_update", session_change(chat.session_id, "transfer_expired"));
  EXPECT_EQ(str_at(expired, {"data", "transfer", "status"}), "expired") << to_text(expired);

  const auto session = fetch_session(port, f.sam.token, chat.session_id);
  EXPECT_EQ(int_at(session, {"agent", "id"}), f.ann.id) << to_text(session);
  EXPECT_TRUE(IsError(answer(f, f.ben.token, tid, "accept"), 409, "transfer_closed"));
  const auto listed = expect(call(port, "GET", session_path(chat.session_id, "/transfers"), f.ann.token), 200,
                             "transfers");
  ASSERT_EQ(listed.at("transfers").as_array().size(), 1u) << to_text(listed);
  const auto& t = listed.at("transfers").as_array()[0].as_object();
  EXPECT_EQ(str_at(t, {"status"}), "expired") << to_text(listed);
  EXPECT_FALSE(str_at(t, {"resolved_at"}).empty()) << to_text(listed);

  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "transfer.requested", sid(chat.session_id)));
}

TEST(ToolsTransfer, TransferToTheQueueRequeuesAndRoutesToSomeoneElse) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_staff(port, f.ann.token, "ann");  // active: the only one who can get chats
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = start_chat(port, "Quinn", "quinn@example.com", {{"message", "need help"}});
  ann_ws->wait_for("session_update", assigned_to(chat.session_id, f.ann.id));
  auto customer = open_customer_ws(port, chat.token);
  set_status(*ben_ws, "active");

  const auto requested = expect(transfer(f, f.ann.token, chat.session_id, std::nullopt, "wrong language"), 201,
                                "transfer to the queue");
  ASSERT_TRUE(requested.at("transfer").as_object().contains("to_agent_id")) << to_text(requested);
  EXPECT_TRUE(requested.at("transfer").as_object().at("to_agent_id").is_null()) << to_text(requested);
  EXPECT_EQ(int_at(requested, {"transfer", "from_agent_id"}), f.ann.id) << to_text(requested);

  // Back in the queue at once and routed to Ben (Ann gave it away).
  ben_ws->wait_for("session_update", assigned_to(chat.session_id, f.ben.id));
  customer->wait_for("session_update", assigned_to(chat.session_id, f.ben.id));
  EXPECT_FALSE(contains(open_chats(f, f.ann.token), chat.session_id));
  EXPECT_TRUE(contains(open_chats(f, f.ben.token), chat.session_id));
  EXPECT_EQ(str_at(fetch_messages(port, f.ben.token, chat.session_id).front(), {"body"}), "need help");

  const auto entries = audit_entries(port, f.ada.token, "action=transfer.requested&actor=" + sid(f.ann.id));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(str_at(entries[0], {"target_id"}), sid(chat.session_id)) << to_text(entries[0]);
  const auto* to = find_path(entries[0], {"detail", "to_agent_id"});
  EXPECT_TRUE(to && to->is_null()) << to_text(entries[0]);
}

TEST(ToolsTransfer, RefusesBadTargetsAndChatsThatAreNotTheCallers) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = chat_taken_by(port, f.ann.token, "Gus", "gus@example.com", "hello");
  const auto bens = chat_taken_by(port, f.ben.token, "Hal", "hal@example.com", "hello");
  const auto waiting = start_chat(port, "Wes", "wes@example.com");

  // To oneself, to nobody, to someone who is not an agent.
  EXPECT_TRUE(IsError(transfer(f, f.ann.token, chat.session_id, f.ann.id, "me"), 400, "invalid_target"));
  EXPECT_TRUE(IsError(transfer(f, f.ann.token, chat.session_id, 999999, "ghost"), 404, "not_found"));
  EXPECT_TRUE(IsError(transfer(f, f.ann.token, chat.session_id, f.sam.id, "a supervisor"), 404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "POST", session_path(chat.session_id, "/transfers"), f.ann.token,
                           json::object{{"to_agent_id", "ben"}, {"reason", "x"}}),
                      400, "invalid_field"));
  // Only the chat's agent may transfer it.
  EXPECT_TRUE(IsError(transfer(f, f.ben.token, chat.session_id, f.cal.id, "not mine"), 403, "not_your_chat"));
  EXPECT_TRUE(IsError(transfer(f, f.sam.token, chat.session_id, f.cal.id, "supervisor"), 403, "not_your_chat"));
  EXPECT_TRUE(IsError(transfer(f, f.ann.token, bens.session_id, f.cal.id, "ben's chat"), 403, "not_your_chat"));
  EXPECT_TRUE(IsError(transfer(f, f.ann.token, waiting.session_id, f.cal.id, "waiting"), 403, "not_your_chat"));
  EXPECT_TRUE(IsError(transfer(f, chat.token, chat.session_id, f.ben.id, "customer"), 401));
  EXPECT_TRUE(IsError(transfer(f, f.ann.token, 999999, f.ben.id, "no chat"), 404, "not_found"));
  // A closed chat cannot be transferred.
  ASSERT_TRUE(HasStatus(call(port, "POST", session_path(chat.session_id, "/close"), f.ann.token), 200));
  const auto closed = transfer(f, f.ann.token, chat.session_id, f.ben.id, "closed");
  EXPECT_TRUE(IsError(closed, 409, "session_closed")) << closed.describe();
  // Unknown transfers.
  EXPECT_TRUE(IsError(answer(f, f.ben.token, 999999, "accept"), 404, "not_found"));
  EXPECT_TRUE(IsError(answer(f, f.ben.token, 999999, "decline"), 404, "not_found"));

  EXPECT_TRUE(NeverGot(*ben_ws, "transfer_requested"));
  EXPECT_TRUE(audit_entries(port, f.ada.token, "action=transfer.requested").empty())
      << "refused transfers must not be audited as requested";
}

}  // namespace
}  // namespace livedesk::it::tools
