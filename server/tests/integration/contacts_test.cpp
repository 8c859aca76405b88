// Contacts and identity (docs/api.md, "Contacts and identity") against the real binary, on SQLite and on
// PostgreSQL: one server per backend runs every scenario in turn (returning customers, attributes, the widget's
// identity verification, visitor merges, staff merges, email conflicts, the contact notes' author rule).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "support/cluster_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/tools_support.hpp"
#include "support/webhook_receiver.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it::tools {
namespace {
namespace json = boost::json;

std::string contact_path(std::int64_t id, const std::string& rest = "") {
  return "/api/v1/contacts/" + std::to_string(id) + rest;
}

// The contacts GET /api/v1/contacts?q= finds, as staff `token`.
std::vector<json::object> search(unsigned short port, const std::string& token, const std::string& q) {
  const auto body = expect(call(port, "GET", "/api/v1/contacts?q=" + q, token), 200, "GET contacts q=" + q);
  std::vector<json::object> out;
  for (const auto& c : body.at("contacts").as_array()) out.push_back(c.as_object());
  return out;
}

json::object detail(unsigned short port, const std::string& token, std::int64_t id) {
  return expect(call(port, "GET", contact_path(id), token), 200, "GET contact " + std::to_string(id));
}

std::int64_t customer_of(const StartedChat& chat) { return *int_at(chat.body, {"session", "customer", "id"}); }

HttpResult start(unsigned short port, const json::object& body) {
  return call(port, "POST", "/api/v1/chat/sessions", "", body);
}

class Contacts : public ::testing::TestWithParam<std::string> {
 protected:
  std::vector<std::string> args() {
    if (GetParam() != "postgres") return {};
    database_.emplace();
    return {"--database", database_->url()};
  }
  std::optional<TestDatabase> database_;
};

TEST_P(Contacts, ProfilesIdentityAndMerges) {
  ToolsFloor f(args());
  const auto port = f.port();
  const std::string& agent = f.ann.token;

  // A returning customer: one contact with both conversations.
  const auto first = start_chat(port, "Rita", "rita@example.com", {{"subject", "first"}});
  const auto second = start_chat(port, "Rita R", "Rita@Example.com", {{"subject", "second"}});
  const auto rita = customer_of(first);
  EXPECT_EQ(customer_of(second), rita);
  {
    const auto found = search(port, agent, "rit");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(int_at(found[0], {"id"}), rita);
    EXPECT_EQ(int_at(found[0], {"chat_count"}), 2);
    EXPECT_EQ(str_at(found[0], {"name"}), "Rita R");
    EXPECT_FALSE(found[0].at("anonymous").as_bool());
    const auto page = detail(port, agent, rita);
    const auto& conversations = page.at("conversations").as_array();
    ASSERT_EQ(conversations.size(), 2u) << to_text(page);
    EXPECT_EQ(int_at(conversations[0].as_object(), {"id"}), second.session_id);
    EXPECT_EQ(int_at(conversations[1].as_object(), {"id"}), first.session_id);
    EXPECT_TRUE(page.at("contact").at("average_rating").is_null());
  }

  // Attributes merge; null removes a key; bad input changes nothing.
  expect(call(port, "PATCH", contact_path(rita), agent, json::object{{"attributes", {{"plan", "pro"}, {"seats", 3}}}}),
         200, "set attributes");
  const auto patched = expect(call(port, "PATCH", contact_path(rita), agent,
                                   json::object{{"attributes", {{"seats", nullptr}, {"vip", true}}}}),
                              200, "patch attributes");
  EXPECT_EQ(json::serialize(patched.at("contact").at("attributes")), R"({"plan":"pro","vip":true})");
  EXPECT_TRUE(IsError(call(port, "PATCH", contact_path(rita), agent,
                           json::object{{"attributes", {{"nested", json::object{{"a", 1}}}}}}),
                      400));
  EXPECT_EQ(json::serialize(detail(port, agent, rita).at("contact").at("attributes")), R"({"plan":"pro","vip":true})");

  // The widget identity: only admins rotate; a forged hash is refused and creates nothing.
  EXPECT_TRUE(IsError(call(port, "POST", "/api/v1/admin/settings/widget-identity/rotate", agent), 403, "forbidden"));
  const auto before = expect(call(port, "GET", "/api/v1/admin/settings/widget-identity", f.ada.token), 200, "state");
  EXPECT_FALSE(before.at("configured").as_bool());
  const std::string secret = str_at(
      expect(call(port, "POST", "/api/v1/admin/settings/widget-identity/rotate", f.ada.token), 200, "rotate"),
      {"secret"});
  ASSERT_EQ(secret.size(), 64u);
  const auto after = expect(call(port, "GET", "/api/v1/admin/settings/widget-identity", f.ada.token), 200, "state");
  EXPECT_TRUE(after.at("configured").as_bool());
  EXPECT_TRUE(after.at("rotated_at").is_string());

  const auto all_before = search(port, agent, "").size();
  EXPECT_TRUE(IsError(start(port, {{"name", "Vera"},
                                   {"email", "vera@example.com"},
                                   {"identity", {{"user_id", "u-1"}, {"user_hash", std::string(64, '0')}}}}),
                      403, "identity_invalid"));
  EXPECT_TRUE(search(port, agent, "u-1").empty());
  EXPECT_TRUE(search(port, agent, "vera").empty());
  EXPECT_EQ(search(port, agent, "").size(), all_before);

  // A valid hash: the contact is verified and found by its external id.
  const auto verified_chat =
      start_chat(port, "Vera", "vera@example.com",
                 {{"identity", {{"user_id", "u-1"}, {"user_hash", hmac_hex(secret, "u-1")}, {"attributes", {{"plan", "team"}}}}}});
  const auto vera = customer_of(verified_chat);
  {
    const auto found = search(port, agent, "u-1");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(int_at(found[0], {"id"}), vera);
    EXPECT_TRUE(found[0].at("identity_verified").as_bool());
    EXPECT_EQ(str_at(found[0], {"external_id"}), "u-1");
    EXPECT_EQ(str_at(found[0], {"attributes", "plan"}), "team");
  }

  // Unsigned: kept as an unverified contact, never attached to the verified one.
  const auto unsigned_chat = start_chat(port, "Mallory", "mallory@example.com", {{"identity", {{"user_id", "u-1"}}}});
  const auto mallory = customer_of(unsigned_chat);
  EXPECT_NE(mallory, vera);
  EXPECT_FALSE(detail(port, agent, mallory).at("contact").at("identity_verified").as_bool());
  EXPECT_EQ(int_at(detail(port, agent, vera), {"contact", "chat_count"}), 1);

  // A visitor first, then a chat with an email: the visitor's contact is merged into the email's.
  const auto visitor = expect(call(port, "PUT", "/api/v1/chat/visitors/visitor-abc-0001", "",
                                   json::object{{"name", "Vic"}, {"attributes", {{"page", "/pricing"}}}}),
                              200, "PUT visitor");
  const auto visitor_id = *int_at(visitor, {"contact_id"});
  EXPECT_EQ(visitor.size(), 1u) << to_text(visitor);  // nothing else to the public
  EXPECT_TRUE(detail(port, agent, visitor_id).at("contact").at("anonymous").as_bool());
  EXPECT_TRUE(IsError(call(port, "PUT", "/api/v1/chat/visitors/short", "", json::object{}), 400));
  const auto vic_chat = start_chat(port, "Vic", "vic@example.com", {{"visitor_id", "visitor-abc-0001"}});
  const auto vic = customer_of(vic_chat);
  EXPECT_NE(vic, visitor_id);
  EXPECT_EQ(int_at(detail(port, agent, visitor_id), {"contact", "merged_into"}), vic);
  const auto vic_page = detail(port, agent, vic);
  EXPECT_EQ(str_at(vic_page, {"contact", "attributes", "page"}), "/pricing") << to_text(vic_page);
  EXPECT_EQ(str_at(vic_page, {"contact", "email"}), "vic@example.com");

  // Staff merge two contacts: conversations move, the other is marked merged; bad merges are refused.
  EXPECT_TRUE(IsError(call(port, "POST", contact_path(rita, "/merge"), agent, json::object{{"from_contact_id", rita}}),
                      400));
  const auto merged = expect(
      call(port, "POST", contact_path(rita, "/merge"), agent, json::object{{"from_contact_id", mallory}}), 200, "merge");
  EXPECT_EQ(int_at(merged, {"contact", "chat_count"}), 3) << to_text(merged);
  EXPECT_EQ(int_at(detail(port, agent, mallory), {"contact", "merged_into"}), rita);
  EXPECT_TRUE(IsError(call(port, "POST", contact_path(rita, "/merge"), agent, json::object{{"from_contact_id", mallory}}),
                      400));
  EXPECT_TRUE(IsError(call(port, "POST", contact_path(rita, "/merge"), agent, json::object{{"from_contact_id", 99999}}),
                      404, "not_found"));
  bool audited = false;
  for (const auto& entry : audit_entries(port, f.ada.token, "action=contact.merged"))
    audited = audited || str_at(entry, {"target_id"}) == std::to_string(rita);
  EXPECT_TRUE(audited);

  // An email another contact has: 409 email_taken, nothing changes.
  EXPECT_TRUE(IsError(call(port, "PATCH", contact_path(rita), agent, json::object{{"email", "vera@example.com"}}), 409,
                      "email_taken"));
  EXPECT_EQ(str_at(detail(port, agent, rita), {"contact", "email"}), "rita@example.com");

  // Contact notes: the author edits; another agent may neither edit nor delete; an admin may delete.
  const auto note = expect(call(port, "POST", contact_path(rita, "/notes"), agent, json::object{{"body", "VIP"}}), 201,
                           "POST note");
  const auto note_id = *int_at(note, {"note", "id"});
  EXPECT_EQ(int_at(note, {"note", "author", "id"}), f.ann.id);
  const std::string note_path = contact_path(rita, "/notes/" + std::to_string(note_id));
  EXPECT_TRUE(IsError(call(port, "PATCH", note_path, f.ben.token, json::object{{"body", "ben"}}), 403, "not_author"));
  EXPECT_TRUE(IsError(call(port, "DELETE", note_path, f.ben.token), 403, "not_author"));
  EXPECT_EQ(str_at(expect(call(port, "PATCH", note_path, agent, json::object{{"body", "VIP!"}}), 200, "edit"),
                   {"note", "body"}),
            "VIP!");
  expect(call(port, "DELETE", note_path, f.ada.token), 200, "admin deletes");
  EXPECT_TRUE(detail(port, agent, rita).at("notes").as_array().empty());
  EXPECT_TRUE(IsError(call(port, "GET", contact_path(424242), agent), 404, "not_found"));
  EXPECT_TRUE(IsError(call(port, "GET", "/api/v1/contacts", ""), 401));
}

INSTANTIATE_TEST_SUITE_P(Backends, Contacts, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace livedesk::it::tools
