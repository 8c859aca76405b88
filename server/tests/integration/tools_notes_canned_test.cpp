// Private notes and canned responses (docs/api.md, "Agent tools"): who may
// write, read, edit and delete them, which sockets hear about them (never a
// customer's), search and render of canned responses, and their audit entries.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "support/dashboard_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/tools_support.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it::tools {
namespace {
namespace json = boost::json;

std::string notes_path(std::int64_t session_id) { return session_path(session_id, "/notes"); }
std::string note_path(std::int64_t note_id) { return "/api/v1/notes/" + sid(note_id); }

std::vector<json::object> notes_of(const ToolsFloor& f, const std::string& token, std::int64_t session_id) {
  const auto body = expect(call(f.port(), "GET", notes_path(session_id), token), 200, "GET notes");
  std::vector<json::object> out;
  for (const auto& n : body.at("notes").as_array()) out.push_back(n.as_object());
  return out;
}

TEST(ToolsNotes, TheAuthorWritesEditsAndDeletesNotesThatOnlyStaffOnTheChatSee) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const auto chat = chat_taken_by(port, f.ann.token, "Nora", "nora@example.com", "hi there");
  auto customer = open_customer_ws(port, chat.token);
  auto watcher = open_dashboard(port, f.sam.token, nullptr, "sam-dashboard");
  watcher->send_json("watch", {{"session_id", chat.session_id}});
  watcher->wait_for("watching", [&](const json::object& fr) { return int_at(fr, {"data", "session_id"}) == chat.session_id; });

  const auto created = expect(call(port, "POST", notes_path(chat.session_id), f.ann.token,
                                   json::object{{"body", "VIP customer, be extra kind"}}),
                              201, "ann writes a note");
  const auto& note = created.at("note").as_object();
  const auto note_id = *int_at(note, {"id"});
  EXPECT_EQ(int_at(note, {"session_id"}), chat.session_id) << to_text(note);
  EXPECT_EQ(int_at(note, {"author", "id"}), f.ann.id) << to_text(note);
  EXPECT_EQ(str_at(note, {"author", "name"}), kAnn.name) << to_text(note);
  EXPECT_EQ(str_at(note, {"kind"}), "note") << to_text(note);
  EXPECT_EQ(str_at(note, {"body"}), "VIP customer, be extra kind") << to_text(note);
  EXPECT_TRUE(is_iso_millis_utc(note.at("created_at"))) << to_text(note);
  EXPECT_TRUE(is_iso_millis_utc(note.at("updated_at"))) << to_text(note);

  // Live to the chat's agent and the watching supervisor; not to another agent, never to the customer.
  const auto live = ann_ws->wait_for("note_update", note_is(note_id, "created"));
  EXPECT_EQ(str_at(live, {"data", "note", "body"}), "VIP customer, be extra kind") << to_text(live);
  watcher->wait_for("note_update", note_is(note_id, "created"));
  EXPECT_TRUE(NeverGot(*ben_ws, "note_update"));
  EXPECT_TRUE(NeverGot(*customer, "note_update"));
  EXPECT_TRUE(NeverGot(*customer, "", mentions("extra kind")));

  // Readers: every staff member (docs/api.md, "Access model"); writers: staff on the chat; never the customer.
  ASSERT_EQ(notes_of(f, f.ann.token, chat.session_id).size(), 1u);
  ASSERT_EQ(notes_of(f, f.sam.token, chat.session_id).size(), 1u);
  EXPECT_EQ(*int_at(notes_of(f, f.sam.token, chat.session_id)[0], {"id"}), note_id);
  ASSERT_EQ(notes_of(f, f.ben.token, chat.session_id).size(), 1u);
  EXPECT_TRUE(IsError(call(port, "POST", notes_path(chat.session_id), f.ben.token, json::object{{"body", "ben"}}),
                      403, "not_your_chat"));
  EXPECT_TRUE(IsError(call(port, "GET", notes_path(chat.session_id), chat.token), 401));
  EXPECT_TRUE(IsError(call(port, "POST", notes_path(chat.session_id), chat.token, json::object{{"body", "me"}}), 401));
  EXPECT_TRUE(IsError(call(port, "GET", notes_path(chat.session_id), ""), 401));
  for (const auto& m : fetch_messages(port, chat.token, chat.session_id))
    EXPECT_EQ(str_at(m, {"body"}).find("extra kind"), std::string::npos) << "a note leaked into messages: " << to_text(m);

  // Only the author edits or deletes.
  const auto by_ben = call(port, "PATCH", note_path(note_id), f.ben.token, json::object{{"body", "ben was here"}});
  EXPECT_TRUE(IsError(by_ben, 403, "not_author")) << by_ben.describe();
  EXPECT_TRUE(IsError(call(port, "PATCH", note_path(note_id), f.sam.token, json::object{{"body", "sam was here"}}),
                      403, "not_author"));
  EXPECT_TRUE(IsError(call(port, "DELETE", note_path(note_id), f.sam.token), 403, "not_author"));
  EXPECT_TRUE(IsError(call(port, "PATCH", note_path(note_id), chat.token, json::object{{"body", "x"}}), 401));
  EXPECT_EQ(str_at(notes_of(f, f.ann.token, chat.session_id)[0], {"body"}), "VIP customer, be extra kind");

  // Empty notes are refused, on create and on edit.
  EXPECT_TRUE(IsError(call(port, "POST", notes_path(chat.session_id), f.ann.token, json::object{{"body", ""}}), 400));
  EXPECT_TRUE(IsError(call(port, "POST", notes_path(chat.session_id), f.ann.token, json::object{{"body", "  \n\t "}}),
                      400));
  EXPECT_TRUE(IsError(call(port, "POST", notes_path(chat.session_id), f.ann.token, json::object{}), 400));
  EXPECT_TRUE(IsError(call(port, "PATCH", note_path(note_id), f.ann.token, json::object{{"body", ""}}), 400));
  EXPECT_TRUE(IsError(call(port, "PATCH", note_path(note_id), f.ann.token, json::object{{"body", "   "}}), 400));
  EXPECT_EQ(notes_of(f, f.ann.token, chat.session_id).size(), 1u);

  // The author edits.
  const auto edited = expect(call(port, "PATCH", note_path(note_id), f.ann.token,
                                  json::object{{"body", "VIP customer since 2019"}}),
                             200, "ann edits");
  EXPECT_EQ(str_at(edited, {"note", "body"}), "VIP customer since 2019") << to_text(edited);
  EXPECT_GE(str_at(edited, {"note", "updated_at"}), str_at(edited, {"note", "created_at"})) << to_text(edited);
  ann_ws->wait_for("note_update", note_is(note_id, "updated"));
  watcher->wait_for("note_update", note_is(note_id, "updated"));
  EXPECT_EQ(str_at(notes_of(f, f.ann.token, chat.session_id)[0], {"body"}), "VIP customer since 2019");

  // The author deletes.
  EXPECT_TRUE(HasStatus(call(port, "DELETE", note_path(note_id), f.ann.token), 200));
  ann_ws->wait_for("note_update", note_is(note_id, "deleted"));
  watcher->wait_for("note_update", note_is(note_id, "deleted"));
  EXPECT_TRUE(notes_of(f, f.ann.token, chat.session_id).empty());
  EXPECT_TRUE(IsError(call(port, "PATCH", note_path(note_id), f.ann.token, json::object{{"body", "again"}}), 404));
  EXPECT_TRUE(IsError(call(port, "DELETE", note_path(note_id), f.ann.token), 404));

  // The customer heard of none of it.
  EXPECT_TRUE(NeverGot(*customer, "note_update"));
  EXPECT_TRUE(NeverGot(*customer, "", mentions("VIP customer")));
  EXPECT_TRUE(NeverGot(*ben_ws, "note_update"));

  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "note.created", sid(chat.session_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "note.updated", sid(note_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "note.deleted", sid(note_id)));
  EXPECT_TRUE(audit_entries(port, f.ada.token, "action=note.updated&actor=" + sid(f.sam.id)).empty());
}

// ---- canned responses -----------------------------------------------------

std::vector<std::int64_t> search(const ToolsFloor& f, const std::string& token, const std::string& q) {
  const auto body = expect(call(f.port(), "GET", "/api/v1/canned-responses?q=" + q, token), 200, "search " + q);
  std::vector<std::int64_t> ids;
  for (const auto& c : body.at("canned_responses").as_array()) ids.push_back(*int_at(c.as_object(), {"id"}));
  return ids;
}

bool has(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

FramePredicate canned_is(std::int64_t id, const std::string& action) {
  return [=](const json::object& frame) {
    return int_at(frame, {"data", "canned_response", "id"}) == id && str_at(frame, {"data", "action"}) == action;
  };
}

json::object canned(const std::string& shortcut, const std::string& title, const std::string& body,
                    std::optional<bool> shared = std::nullopt) {
  json::object out{{"shortcut", shortcut}, {"title", title}, {"body", body}};
  if (shared) out["shared"] = *shared;
  return out;
}

TEST(ToolsCanned, SharedAndPersonalResponsesAreSearchedRenderedAndPushedLive) {
  ToolsFloor f;
  const auto port = f.port();
  auto ann_ws = open_idle(port, f.ann.token, "ann");
  auto ben_ws = open_idle(port, f.ben.token, "ben");
  const std::string kPath = "/api/v1/canned-responses";

  // The admin adds a shared one; every agent console hears of it.
  const auto shared = expect(call(port, "POST", kPath, f.ada.token,
                                  canned("greet", "Greeting",
                                         "Hi {{customer.name}}, I'm {{agent.name}} (chat #{{session.id}}).", true)),
                             201, "shared canned");
  const auto shared_id = *int_at(shared, {"canned_response", "id"});
  EXPECT_EQ(str_at(shared, {"canned_response", "shortcut"}), "greet") << to_text(shared);
  ASSERT_TRUE(find_path(shared, {"canned_response", "shared"})) << to_text(shared);
  EXPECT_TRUE(find_path(shared, {"canned_response", "shared"})->as_bool()) << to_text(shared);
  EXPECT_TRUE(find_path(shared, {"canned_response", "owner_user_id"})->is_null()) << to_text(shared);
  ann_ws->wait_for("canned_update", canned_is(shared_id, "created"));
  ben_ws->wait_for("canned_update", canned_is(shared_id, "created"));

  // Only admins add shared ones.
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.sam.token, canned("sam", "Sam's", "by sam", true)), 403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.ann.token, canned("ann", "Ann's", "by ann", true)), 403, "forbidden"));
  EXPECT_TRUE(IsError(call(port, "POST", kPath, "", canned("x", "x", "x")), 401));

  // Ann's personal one: only her console hears of it.
  const auto mine = expect(call(port, "POST", kPath, f.ann.token,
                                canned("thx", "Thank you", "Thanks for waiting, {{customer.name}}!")),
                           201, "personal canned");
  const auto mine_id = *int_at(mine, {"canned_response", "id"});
  EXPECT_FALSE(find_path(mine, {"canned_response", "shared"})->as_bool()) << to_text(mine);
  EXPECT_EQ(int_at(mine, {"canned_response", "owner_user_id"}), f.ann.id) << to_text(mine);
  ann_ws->wait_for("canned_update", canned_is(mine_id, "created"));
  EXPECT_TRUE(NeverGot(*ben_ws, "canned_update", canned_is(mine_id, "created")));

  // Duplicate shortcuts.
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.ann.token, canned("thx", "Thanks again", "again")), 409,
                      "duplicate_shortcut"));
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.ada.token, canned("greet", "Hello", "hello", true)), 409,
                      "duplicate_shortcut"));

  // Search: shortcut prefix with and without '/', title prefix; never someone else's personal ones.
  EXPECT_TRUE(has(search(f, f.ann.token, "gr"), shared_id));
  EXPECT_TRUE(has(search(f, f.ann.token, "/gr"), shared_id));
  EXPECT_TRUE(has(search(f, f.ann.token, "Greet"), shared_id));
  EXPECT_FALSE(has(search(f, f.ann.token, "gr"), mine_id));
  EXPECT_TRUE(has(search(f, f.ann.token, "th"), mine_id));
  EXPECT_TRUE(has(search(f, f.ann.token, "/th"), mine_id));
  EXPECT_TRUE(has(search(f, f.ann.token, "Thank"), mine_id));
  EXPECT_FALSE(has(search(f, f.ann.token, "Thank"), shared_id));
  EXPECT_TRUE(search(f, f.ann.token, "zz").empty());
  const auto all_ann = search(f, f.ann.token, "");
  EXPECT_TRUE(has(all_ann, shared_id) && has(all_ann, mine_id));
  const auto all_ben = search(f, f.ben.token, "");
  EXPECT_TRUE(has(all_ben, shared_id));
  EXPECT_FALSE(has(all_ben, mine_id));
  EXPECT_FALSE(has(search(f, f.ben.token, "thx"), mine_id));
  EXPECT_FALSE(has(search(f, f.ben.token, "/th"), mine_id));
  EXPECT_FALSE(has(search(f, f.ben.token, "Thank"), mine_id));
  EXPECT_FALSE(has(search(f, f.sam.token, ""), mine_id));
  EXPECT_TRUE(IsError(call(port, "GET", kPath, ""), 401));

  // Render fills in the placeholders.
  const auto chat = chat_taken_by(port, f.ann.token, "Rita", "rita@example.com", "hello");
  const auto render = [&](const std::string& token, std::int64_t id) {
    return call(port, "POST", kPath + "/" + sid(id) + "/render", token, json::object{{"session_id", chat.session_id}});
  };
  EXPECT_EQ(str_at(expect(render(f.ann.token, shared_id), 200, "render shared"), {"body"}),
            "Hi Rita, I'm Ann Agent (chat #" + sid(chat.session_id) + ").");
  EXPECT_EQ(str_at(expect(render(f.ann.token, mine_id), 200, "render mine"), {"body"}), "Thanks for waiting, Rita!");
  EXPECT_TRUE(IsError(render(f.ben.token, mine_id), 403, "not_owner"));
  EXPECT_TRUE(IsError(call(port, "POST", kPath + "/" + sid(shared_id) + "/render", f.ann.token, json::object{}), 400));
  EXPECT_TRUE(IsError(render(f.ann.token, 999999), 404, "not_found"));

  // Changing: the owner changes personal ones, only the admin shared ones.
  const auto changed = expect(call(port, "PUT", kPath + "/" + sid(mine_id), f.ann.token,
                                   canned("thx", "Thank you", "Many thanks, {{customer.name}}!")),
                              200, "ann edits hers");
  EXPECT_EQ(str_at(changed, {"canned_response", "body"}), "Many thanks, {{customer.name}}!") << to_text(changed);
  ann_ws->wait_for("canned_update", canned_is(mine_id, "updated"));
  const auto bens_edit = call(port, "PUT", kPath + "/" + sid(mine_id), f.ben.token, canned("thx", "x", "x"));
  EXPECT_TRUE(IsError(bens_edit, 403, "not_owner")) << bens_edit.describe();
  EXPECT_TRUE(IsError(call(port, "PUT", kPath + "/" + sid(shared_id), f.sam.token, canned("greet", "x", "x")), 403,
                      "forbidden"));
  EXPECT_TRUE(IsError(call(port, "DELETE", kPath + "/" + sid(shared_id), f.ann.token), 403, "forbidden"));
  EXPECT_TRUE(HasStatus(call(port, "PUT", kPath + "/" + sid(shared_id), f.ada.token,
                             canned("greet", "Greeting", "Hello {{customer.name}}!")),
                        200));
  ben_ws->wait_for("canned_update", canned_is(shared_id, "updated"));
  EXPECT_EQ(str_at(expect(render(f.ann.token, shared_id), 200, "render updated"), {"body"}), "Hello Rita!");

  // Removing.
  EXPECT_TRUE(HasStatus(call(port, "DELETE", kPath + "/" + sid(mine_id), f.ann.token), 200));
  EXPECT_FALSE(has(search(f, f.ann.token, ""), mine_id));
  EXPECT_TRUE(HasStatus(call(port, "DELETE", kPath + "/" + sid(shared_id), f.ada.token), 200));
  ben_ws->wait_for("canned_update", canned_is(shared_id, "deleted"));
  EXPECT_TRUE(search(f, f.ben.token, "").empty());

  EXPECT_TRUE(Audited(port, f.ada.token, f.ada.id, "canned.created", sid(shared_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "canned.created", sid(mine_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "canned.updated", sid(mine_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ada.id, "canned.updated", sid(shared_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ann.id, "canned.deleted", sid(mine_id)));
  EXPECT_TRUE(Audited(port, f.ada.token, f.ada.id, "canned.deleted", sid(shared_id)));
  EXPECT_TRUE(audit_entries(port, f.ada.token, "action=canned.created&actor=" + sid(f.sam.id)).empty());
}

TEST(ToolsCanned, BadBodiesAreRefused) {
  ToolsFloor f;
  const auto port = f.port();
  const std::string kPath = "/api/v1/canned-responses";
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.ann.token, json::object{{"title", "t"}, {"body", "b"}}), 400));
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.ann.token, canned("", "t", "b")), 400));
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.ann.token, canned("two words", "t", "b")), 400));
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.ann.token, canned("ok", "t", "  ")), 400));
  EXPECT_TRUE(IsError(call(port, "POST", kPath, f.ann.token,
                           json::object{{"shortcut", "ok"}, {"title", "t"}, {"body", "b"}, {"shared", "yes"}}),
                      400));
  EXPECT_TRUE(search(f, f.ann.token, "").empty());
  EXPECT_TRUE(audit_entries(port, f.ada.token, "action=canned.created").empty());
}

}  // namespace
}  // namespace livedesk::it::tools
