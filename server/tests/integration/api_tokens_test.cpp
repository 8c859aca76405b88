// API tokens against the real binary: create (the secret once), use on REST and the event stream, scope
// refusals, last_used, revocation, the audit lines, and bad secrets throttled like failed logins.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>
#include <string>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const StaffUser kAdmin{"root", "admin-password-1", "admin", "Ada Admin"};
const StaffUser kAgent{"andy", "agent-password-1", "agent", "Andy Agent"};

class ApiTokens : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(ServerOptions{.users = {kAdmin, kAgent}});
    admin_ = login(port(), kAdmin.username, kAdmin.password);
  }
  unsigned short port() const { return server_->port(); }

  json::object create(const std::string& name, const json::array& scopes) {
    const auto result = request(port(), "POST", "/api/v1/admin/api-tokens",
                                json::serialize(json::object{{"name", name}, {"scopes", scopes}}), bearer(admin_));
    EXPECT_TRUE(HasStatus(result, 201)) << result.body;
    return result.object().at("api_token").as_object();
  }
  json::object listed(std::int64_t id) {
    const auto list = request(port(), "GET", "/api/v1/admin/api-tokens", "", bearer(admin_));
    for (const auto& token : list.object().at("api_tokens").as_array())
      if (token.at("id").as_int64() == id) return token.as_object();
    throw std::runtime_error("token " + std::to_string(id) + " not listed: " + list.body);
  }

  std::unique_ptr<ServerProcess> server_;
  std::string admin_;
};

TEST_F(ApiTokens, CreatedTokenOpensWhatItsScopesCoverAndNothingElse) {
  const auto token = create("crm sync", json::array{"events:read", "conversations:read"});
  const std::string secret_token(token.at("token").as_string());
  EXPECT_TRUE(secret_token.starts_with("ldk_" + std::to_string(token.at("id").as_int64()) + "_")) << secret_token;
  EXPECT_EQ(token.at("scopes"), (json::array{"conversations:read", "events:read"}));
  EXPECT_EQ(token.at("created_by"),
            json::value(request(port(), "GET", "/api/v1/auth/me", "", bearer(admin_)).object().at("user").at("id")));

  EXPECT_TRUE(HasStatus(request(port(), "GET", "/api/v1/events?wait=0", "", bearer(secret_token)), 200));
  EXPECT_TRUE(HasStatus(request(port(), "GET", "/api/v1/chat/queue", "", bearer(secret_token)), 200));
  EXPECT_TRUE(
      IsError(request(port(), "GET", "/api/v1/admin/api-tokens", "", bearer(secret_token)), 403, "insufficient_scope"));
  EXPECT_TRUE(
      IsError(request(port(), "GET", "/api/v1/admin/audit", "", bearer(secret_token)), 403, "insufficient_scope"));
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/admin/chat-dashboard/overview", "", bearer(secret_token)), 403,
                      "insufficient_scope"));
  // A token that differs in one character of its secret opens nothing.
  std::string forged = secret_token;
  forged.back() = forged.back() == 'a' ? 'b' : 'a';
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/events?wait=0", "", bearer(forged)), 401, "unauthorized"));
}

TEST_F(ApiTokens, ListShowsNoSecretAndLastUseAndTheDatabaseHoldsOnlyAHash) {
  const auto token = create("warehouse", json::array{"events:read"});
  const auto id = token.at("id").as_int64();
  const std::string secret_token(token.at("token").as_string());
  auto before = listed(id);
  EXPECT_FALSE(before.contains("token"));
  EXPECT_EQ(before.at("last_used_at"), nullptr);
  EXPECT_EQ(before.at("revoked"), false);
  EXPECT_EQ(before.at("name"), "warehouse");

  ASSERT_TRUE(HasStatus(request(port(), "GET", "/api/v1/events?wait=0", "", bearer(secret_token)), 200));
  // last_used is a queued write: wait for it to show.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  json::value last_used = nullptr;
  while (last_used.is_null() && std::chrono::steady_clock::now() < until) last_used = listed(id).at("last_used_at");
  EXPECT_TRUE(last_used.is_string());

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(server_->database_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_stmt* query = nullptr;
  sqlite3_prepare_v2(db, "SELECT secret_hash FROM api_tokens WHERE id = ?1", -1, &query, nullptr);
  sqlite3_bind_int64(query, 1, id);
  ASSERT_EQ(sqlite3_step(query), SQLITE_ROW);
  const std::string stored(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)));
  sqlite3_finalize(query);
  sqlite3_close(db);
  const std::string secret = secret_token.substr(secret_token.rfind('_') + 1);
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(stored.size(), 64u);
  EXPECT_NE(stored, secret);
  EXPECT_EQ(secret_token.find(stored), std::string::npos);
}

TEST_F(ApiTokens, RevokedTokenIsRefusedAndBothStepsAreAudited) {
  const auto token = create("old", json::array{"admin"});
  const auto id = token.at("id").as_int64();
  const std::string secret_token(token.at("token").as_string());
  EXPECT_TRUE(HasStatus(request(port(), "GET", "/api/v1/admin/audit", "", bearer(secret_token)), 200));

  const auto revoked = request(port(), "DELETE", "/api/v1/admin/api-tokens/" + std::to_string(id), "", bearer(admin_));
  ASSERT_TRUE(HasStatus(revoked, 200)) << revoked.body;
  EXPECT_EQ(revoked.object().at("api_token").at("revoked"), true);
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/admin/audit", "", bearer(secret_token)), 401, "unauthorized"));
  EXPECT_TRUE(IsError(request(port(), "DELETE", "/api/v1/admin/api-tokens/" + std::to_string(id), "", bearer(admin_)),
                      404, "not_found"));
  EXPECT_EQ(listed(id).at("revoked"), true);
  EXPECT_TRUE(listed(id).at("revoked_at").is_string());

  const auto audit = request(port(), "GET", "/api/v1/admin/audit?limit=50", "", bearer(admin_));
  std::set<std::string> actions;
  for (const auto& entry : audit.object().at("entries").as_array())
    if (entry.at("target_type") == "api_token" && entry.at("target_id") == json::value(std::to_string(id)))
      actions.insert(std::string(entry.at("action").as_string()));
  EXPECT_EQ(actions, (std::set<std::string>{"api_token.created", "api_token.revoked"})) << audit.body;
}

TEST_F(ApiTokens, OnlyAdminsManageTokensAndBadInputIsRefused) {
  const auto agent = login(port(), kAgent.username, kAgent.password);
  const std::string body = R"({"name":"x","scopes":["events:read"]})";
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/api-tokens", body, bearer(agent)), 403, "forbidden"));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/api-tokens", body), 401, "unauthorized"));
  EXPECT_TRUE(
      IsError(request(port(), "POST", "/api/v1/admin/api-tokens", R"({"name":"x","scopes":["root"]})", bearer(admin_)),
              400, "invalid_field"));
  EXPECT_TRUE(
      IsError(request(port(), "POST", "/api/v1/admin/api-tokens", R"({"name":"x","scopes":[]})", bearer(admin_)), 400,
              "invalid_field"));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/api-tokens", R"({"scopes":["admin"]})", bearer(admin_)),
                      400, "missing_field"));
}

TEST_F(ApiTokens, BadSecretsForATokenAreThrottledLikeFailedLogins) {
  const auto token = create("target", json::array{"events:read"});
  const std::string prefix = "ldk_" + std::to_string(token.at("id").as_int64()) + "_";
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(
        IsError(request(port(), "GET", "/api/v1/events?wait=0", "", bearer(prefix + "guess" + std::to_string(i))), 401,
                "unauthorized"));
  const auto throttled = request(port(), "GET", "/api/v1/events?wait=0", "", bearer(prefix + "guess-more"));
  EXPECT_TRUE(IsError(throttled, 429, "rate_limited"));
  EXPECT_TRUE(throttled.has_header("Retry-After")) << throttled.describe();
}

}  // namespace
}  // namespace livedesk::it
