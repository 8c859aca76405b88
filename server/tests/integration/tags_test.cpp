// Tags and dispositions (docs/api.md, "Tags and close reasons") through the real binary, on SQLite and on
// PostgreSQL: an admin configures them, the chat's agent tags its own chat (and not another's), tags stay
// editable after close, an archived tag is refused, a required disposition is enforced at close (REST and
// the agent socket), and every change is in the event log.
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

std::string tag_path(std::int64_t session_id, std::int64_t tag_id) {
  return "/api/v1/conversations/" + sid(session_id) + "/tags/" + sid(tag_id);
}

std::vector<std::int64_t> ids_in(const json::object& body, const std::string& key) {
  std::vector<std::int64_t> out;
  for (const auto& v : body.at(key).as_array()) out.push_back(v.at("id").as_int64());
  return out;
}

// The logged events of `type` so far, oldest first.
std::vector<json::object> logged(unsigned short port, const std::string& admin_token, const std::string& type) {
  const auto page = expect(call(port, "GET", "/api/v1/events?after=0&wait=0&limit=1000&types=" + type, admin_token),
                           200, "GET events");
  std::vector<json::object> out;
  for (const auto& e : page.at("events").as_array()) out.push_back(e.as_object());
  return out;
}

void tags_and_dispositions(ToolsFloor& f) {
  const auto port = f.port();
  using Ids = std::vector<std::int64_t>;

  // Admins configure tags; names are trimmed and unique ignoring case; agents may not configure.
  const auto vip = expect(call(port, "POST", "/api/v1/admin/tags", f.ada.token,
                               json::object{{"name", "  VIP "}, {"color", "#ff8800"}}),
                          201, "ada creates VIP");
  const auto vip_id = vip.at("tag").at("id").as_int64();
  EXPECT_EQ(vip.at("tag").at("name"), "VIP");
  EXPECT_EQ(vip.at("tag").at("color"), "#ff8800");
  EXPECT_EQ(vip.at("tag").at("archived"), false);
  const auto billing_id = expect(call(port, "POST", "/api/v1/admin/tags", f.ada.token, json::object{{"name", "billing"}}),
                                 201, "ada creates billing")
                              .at("tag").at("id").as_int64();
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/admin/tags", f.ada.token, json::object{{"name", "vip"}}), 409,
                      "tag_exists"));
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/admin/tags", f.ada.token, json::object{{"name", "   "}}), 400));
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/admin/tags", f.ada.token,
                           json::object{{"name", "red"}, {"color", "red"}}),
                      400));
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/admin/tags", f.ann.token, json::object{{"name", "mine"}}), 403,
                      "forbidden"));
  EXPECT_EQ(ids_in(expect(call(port, "GET", "/api/v1/tags", f.ann.token), 200, "tags"), "tags"),
            (Ids{vip_id, billing_id}));

  // The chat's agent tags its own chat; another agent is refused; unknown things are 404.
  const auto chat = chat_taken_by(port, f.ann.token, "Nora", "nora@example.com", "my invoice is wrong");
  auto tagged = expect(call(port, "PUT", tag_path(chat.session_id, vip_id), f.ann.token), 200, "ann tags her chat");
  EXPECT_EQ(ids_in(tagged, "tags"), (Ids{vip_id}));
  EXPECT_EQ(ids_in(expect(call(port, "PUT", tag_path(chat.session_id, vip_id), f.ann.token), 200, "again"), "tags"),
            (Ids{vip_id}));
  EXPECT_TRUE(IsError(call(port, "PUT", tag_path(chat.session_id, billing_id), f.ben.token), 403, "not_your_chat"));
  EXPECT_TRUE(IsError(call(port, "PUT", tag_path(chat.session_id, 999999), f.ann.token), 404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "PUT", tag_path(999999, vip_id), f.ann.token), 404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "PUT", tag_path(chat.session_id, vip_id), chat.token), 401));
  // A supervisor acts on every chat.
  EXPECT_EQ(ids_in(expect(call(port, "PUT", tag_path(chat.session_id, billing_id), f.sam.token), 200, "sam tags"),
                   "tags"),
            (Ids{vip_id, billing_id}));

  // Dispositions: required at close once the setting says so.
  const auto solved_id =
      expect(call(port, "POST", "/api/v1/admin/dispositions", f.ada.token, json::object{{"name", "Solved"}}), 201,
             "ada creates Solved")
          .at("disposition").at("id").as_int64();
  const auto old_id =
      expect(call(port, "POST", "/api/v1/admin/dispositions", f.ada.token, json::object{{"name", "Old reason"}}), 201,
             "ada creates Old reason")
          .at("disposition").at("id").as_int64();
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/admin/dispositions", f.ada.token, json::object{{"name", "SOLVED"}}),
                      409, "disposition_exists"));
  expect(call(port, "DELETE", "/api/v1/admin/dispositions/" + sid(old_id), f.ada.token), 200, "archive Old reason");
  EXPECT_EQ(ids_in(expect(call(port, "GET", "/api/v1/dispositions", f.ann.token), 200, "dispositions"),
                   "dispositions"),
            (Ids{solved_id}));
  EXPECT_TRUE(IsError(call(port, "PUT", "/api/v1/admin/settings/conversations", f.sam.token,
                           json::object{{"disposition_required", true}}),
                      403, "forbidden"));
  expect(call(port, "PUT", "/api/v1/admin/settings/conversations", f.ada.token,
              json::object{{"disposition_required", true}}),
         200, "ada requires dispositions");
  EXPECT_EQ(expect(call(port, "GET", "/api/v1/admin/settings/conversations", f.ann.token), 200, "settings")
                .at("disposition_required"),
            true);
  const auto close_path = session_path(chat.session_id, "/close");
  EXPECT_TRUE(IsError(call(port, "POST", close_path, f.ann.token), 400, "disposition_required"));
  EXPECT_TRUE(IsError(call(port, "POST", close_path, f.ann.token, json::object{{"disposition_id", old_id}}), 400,
                      "bad_disposition"));
  EXPECT_TRUE(IsError(call(port, "POST", close_path, f.ann.token, json::object{{"disposition_id", 999999}}), 400,
                      "bad_disposition"));
  const auto closed =
      expect(call(port, "POST", close_path, f.ann.token, json::object{{"disposition_id", solved_id}}), 200, "close");
  EXPECT_EQ(closed.at("session").at("status"), "closed") << closed;

  // After close: the agent it ended with still tags it; an archived tag is refused.
  EXPECT_EQ(ids_in(expect(call(port, "DELETE", tag_path(chat.session_id, billing_id), f.ann.token), 200, "untag"),
                   "tags"),
            (Ids{vip_id}));
  expect(call(port, "DELETE", "/api/v1/admin/tags/" + sid(billing_id), f.ada.token), 200, "archive billing");
  EXPECT_TRUE(IsError(call(port, "PUT", tag_path(chat.session_id, billing_id), f.ann.token), 409, "tag_archived"));
  EXPECT_EQ(ids_in(expect(call(port, "GET", "/api/v1/tags?include_archived=true", f.ann.token), 200, "all tags"),
                   "tags"),
            (Ids{vip_id, billing_id}));
  // The disposition may be changed later, not by another agent.
  EXPECT_TRUE(IsError(call(port, "PUT", "/api/v1/conversations/" + sid(chat.session_id) + "/disposition", f.ben.token,
                           json::object{{"disposition_id", nullptr}}),
                      403, "not_your_chat"));
  const auto cleared = expect(call(port, "PUT", "/api/v1/conversations/" + sid(chat.session_id) + "/disposition",
                                   f.ann.token, json::object{{"disposition_id", nullptr}}),
                              200, "ann clears the disposition");
  EXPECT_TRUE(cleared.at("disposition").is_null()) << cleared;

  // The agent socket's close frame is held to the same rule.
  const auto second = chat_taken_by(port, f.ann.token, "Omar", "omar@example.com", "hello");
  auto ann_ws = open_staff(port, f.ann.token, "ann");
  ann_ws->send_json("close", {{"session_id", second.session_id}});
  ann_ws->wait_for("error", [](const json::object& fr) { return fr.at("data").at("code") == "disposition_required"; });
  ann_ws->send_json("close", {{"session_id", second.session_id}, {"disposition_id", solved_id}});
  ann_ws->wait_for("session_update", session_change(second.session_id, "closed"));

  // Every change is in the event log.
  const auto added = logged(port, f.ada.token, "conversation.tag_added");
  ASSERT_EQ(added.size(), 2u);
  EXPECT_EQ(added[0].at("data").at("session_id"), chat.session_id) << added[0];
  EXPECT_EQ(added[0].at("data").at("tag").at("id"), vip_id) << added[0];
  EXPECT_EQ(added[0].at("data").at("by"), f.ann.id) << added[0];
  EXPECT_EQ(added[1].at("data").at("by"), f.sam.id) << added[1];
  const auto removed = logged(port, f.ada.token, "conversation.tag_removed");
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].at("data").at("tag").at("id"), billing_id) << removed[0];
  const auto set = logged(port, f.ada.token, "conversation.disposition_set");
  ASSERT_EQ(set.size(), 3u);
  EXPECT_EQ(set[0].at("data").at("disposition").at("id"), solved_id) << set[0];
  EXPECT_TRUE(set[1].at("data").at("disposition").is_null()) << set[1];
  EXPECT_EQ(set[2].at("data").at("session_id"), second.session_id) << set[2];
}

TEST(Tags, TagsAndDispositionsOnSqlite) {
  ToolsFloor f;
  tags_and_dispositions(f);
}

TEST(Tags, TagsAndDispositionsOnPostgres) {
  TestDatabase database;
  ToolsFloor f({"--database", database.url()});
  tags_and_dispositions(f);
}

}  // namespace
}  // namespace livedesk::it::tools
