// Which role may call what: every role (and no token) against every staff endpoint.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const StaffUser kAdmin{"root", "admin-password-1", "admin", "Ada Admin"};
const StaffUser kSupervisor{"sue", "supervisor-password-1", "supervisor", "Sue Super"};
const StaffUser kAgent{"andy", "agent-password-1", "agent", "Andy Agent"};

class Roles : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(ServerOptions{.users = {kAdmin, kSupervisor, kAgent}});
    tokens_["admin"] = login(port(), kAdmin.username, kAdmin.password);
    tokens_["supervisor"] = login(port(), kSupervisor.username, kSupervisor.password);
    tokens_["agent"] = login(port(), kAgent.username, kAgent.password);
  }

  unsigned short port() const { return server_->port(); }
  Headers as(const std::string& role) const {
    if (role == "none") return {};
    if (role == "garbage") return bearer("not.a.token");
    return bearer(tokens_.at(role));
  }
  std::int64_t user_id(const std::string& role) const {
    const auto me = request(port(), "GET", "/api/v1/auth/me", "", as(role));
    return me.object().at("user").at("id").as_int64();
  }

  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> tokens_;
};

std::string new_user_body(const std::string& username, const std::string& role = "agent") {
  return json::serialize(
      json::object{{"username", username}, {"password", "new-user-password"}, {"role", role}, {"name", "New User"}});
}

TEST_F(Roles, EveryRoleAgainstEveryEndpoint) {
  struct Expectation {
    std::string method;
    std::string target;
    std::map<std::string, int> status_by_role;  // role -> status
  };
  const std::vector<Expectation> table{
      {"GET", "/api/v1/auth/me", {{"none", 401}, {"garbage", 401}, {"agent", 200}, {"supervisor", 200}, {"admin", 200}}},
      {"GET", "/api/v1/staff", {{"none", 401}, {"garbage", 401}, {"agent", 403}, {"supervisor", 200}, {"admin", 200}}},
      {"POST", "/api/v1/admin/users",
       {{"none", 401}, {"garbage", 401}, {"agent", 403}, {"supervisor", 403}, {"admin", 201}}},
      {"GET", "/api/v1/admin/audit",
       {{"none", 401}, {"garbage", 401}, {"agent", 403}, {"supervisor", 403}, {"admin", 200}}},
      {"GET", "/api/v1/admin/audit?limit=5",
       {{"none", 401}, {"garbage", 401}, {"agent", 403}, {"supervisor", 403}, {"admin", 200}}},
  };
  for (const auto& row : table) {
    for (const auto& [role, status] : row.status_by_role) {
      const std::string username = "made_by_" + role;
      const std::string body = row.method == "POST" ? new_user_body(username) : "";
      const auto result = request(port(), row.method, row.target, body, as(role));
      SCOPED_TRACE(row.method + " " + row.target + " as " + role);
      if (status == 401)
        EXPECT_TRUE(IsError(result, 401, "unauthorized"));
      else if (status == 403)
        EXPECT_TRUE(IsError(result, 403, "forbidden"));
      else
        EXPECT_TRUE(HasStatus(result, status));
      if (row.method == "POST") {
        // Only the admin's request created an account.
        const auto attempt = login_request(port(), username, "new-user-password");
        if (status == 201)
          EXPECT_TRUE(HasStatus(attempt, 200));
        else
          EXPECT_TRUE(IsError(attempt, 401, "invalid_credentials"));
      }
    }
  }
}

TEST_F(Roles, StaffListHasEveryAccountWithItsFields) {
  for (const std::string role : {"supervisor", "admin"}) {
    const auto result = request(port(), "GET", "/api/v1/staff", "", as(role));
    ASSERT_TRUE(HasStatus(result, 200));
    ASSERT_TRUE(result.object().contains("users") && result.object().at("users").is_array()) << result.describe();
    std::map<std::string, json::object> by_username;
    for (const auto& entry : result.object().at("users").as_array()) {
      ASSERT_TRUE(entry.is_object()) << result.describe();
      const auto& user = entry.as_object();
      for (const char* field : {"id", "username", "name", "role", "status", "capacity"})
        EXPECT_TRUE(user.contains(field)) << "missing " << field << " in " << json::serialize(user);
      EXPECT_TRUE(user.contains("id") && user.at("id").is_int64()) << json::serialize(user);
      EXPECT_TRUE(user.contains("status") && user.at("status").is_string()) << json::serialize(user);
      EXPECT_TRUE(user.contains("capacity") && user.at("capacity").is_number()) << json::serialize(user);
      EXPECT_FALSE(user.contains("password") || user.contains("password_hash")) << json::serialize(user);
      if (user.contains("username") && user.at("username").is_string())
        by_username[std::string(user.at("username").as_string())] = user;
    }
    EXPECT_EQ(by_username.size(), 3u) << result.describe();
    for (const auto& expected : {kAdmin, kSupervisor, kAgent}) {
      ASSERT_TRUE(by_username.count(expected.username)) << expected.username << " missing\n" << result.describe();
      const auto& user = by_username[expected.username];
      EXPECT_EQ(user.at("role"), json::value(expected.role));
      EXPECT_EQ(user.at("name"), json::value(expected.name));
    }
  }
}

TEST_F(Roles, AdminCreatesUsersAndGetsConflictsAndBadFieldsRight) {
  const auto created = request(port(), "POST", "/api/v1/admin/users",
                               json::serialize(json::object{{"username", "newbie"},
                                                            {"password", "newbie-password"},
                                                            {"role", "supervisor"},
                                                            {"name", "New Bie"}}),
                               as("admin"));
  ASSERT_TRUE(HasStatus(created, 201));
  ASSERT_TRUE(created.object().contains("user")) << created.describe();
  const auto& user = created.object().at("user").as_object();
  EXPECT_TRUE(user.contains("id") && user.at("id").is_int64()) << created.describe();
  EXPECT_EQ(user.at("username"), json::value("newbie"));
  EXPECT_EQ(user.at("name"), json::value("New Bie"));
  EXPECT_EQ(user.at("role"), json::value("supervisor"));
  EXPECT_FALSE(user.contains("password") || user.contains("password_hash")) << created.describe();

  const auto newbie = login_request(port(), "newbie", "newbie-password");
  ASSERT_TRUE(HasStatus(newbie, 200));
  EXPECT_EQ(newbie.object().at("user").at("id"), user.at("id"));
  EXPECT_EQ(newbie.object().at("user").at("role"), json::value("supervisor"));
  // The new supervisor has a supervisor's rights at once.
  const std::string newbie_token(newbie.object().at("access_token").as_string());
  EXPECT_TRUE(HasStatus(request(port(), "GET", "/api/v1/staff", "", bearer(newbie_token)), 200));
  EXPECT_TRUE(IsError(request(port(), "GET", "/api/v1/admin/audit", "", bearer(newbie_token)), 403, "forbidden"));

  // "name" is optional.
  EXPECT_TRUE(HasStatus(request(port(), "POST", "/api/v1/admin/users",
                                R"({"username": "noname", "password": "noname-password", "role": "agent"})",
                                as("admin")),
                        201));

  // The same username again, whether made by the API or by the CLI.
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users", new_user_body("newbie"), as("admin")), 409,
                      "conflict"));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users", new_user_body("andy"), as("admin")), 409,
                      "conflict"));
  // The conflict did not replace the password.
  EXPECT_TRUE(HasStatus(login_request(port(), "newbie", "newbie-password"), 200));
  EXPECT_TRUE(HasStatus(login_request(port(), "andy", kAgent.password), 200));

  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users", new_user_body("bossy", "overlord"), as("admin")),
                      400, "invalid_field"));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users", new_user_body("bad name!"), as("admin")), 400,
                      "invalid_field"));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users", new_user_body(""), as("admin")), 400));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users",
                              R"({"username": "nopass", "role": "agent"})", as("admin")),
                      400, "missing_field"));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users",
                              R"({"username": "numrole", "password": "numrole-password", "role": 3})", as("admin")),
                      400, "invalid_field"));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users", "{nope", as("admin")), 400, "invalid_json"));
  EXPECT_TRUE(IsError(request(port(), "POST", "/api/v1/admin/users", "[]", as("admin")), 400, "invalid_json"));
  for (const std::string refused : {"bossy", "bad name!", "nopass", "numrole"})
    EXPECT_TRUE(IsError(login_request(port(), refused, "new-user-password"), 401, "invalid_credentials")) << refused;
}

TEST_F(Roles, AuditRecordsLoginsAndUserCreationAndPagesBackwards) {
  const std::int64_t admin_id = user_id("admin");
  const auto created = request(port(), "POST", "/api/v1/admin/users", new_user_body("audited"), as("admin"));
  ASSERT_TRUE(HasStatus(created, 201));
  const std::int64_t created_id = created.object().at("user").at("id").as_int64();
  for (int i = 0; i < 3; ++i) login(port(), "audited", "new-user-password");

  const auto all = request(port(), "GET", "/api/v1/admin/audit?limit=100", "", as("admin"));
  ASSERT_TRUE(HasStatus(all, 200));
  ASSERT_TRUE(all.object().contains("entries") && all.object().at("entries").is_array()) << all.describe();
  ASSERT_TRUE(all.object().contains("next_before")) << all.describe();
  const auto& entries = all.object().at("entries").as_array();

  std::vector<std::int64_t> ids;
  bool saw_creation = false;
  int logins_of_audited = 0;
  bool saw_admin_login = false;
  for (const auto& value : entries) {
    ASSERT_TRUE(value.is_object()) << all.describe();
    const auto& entry = value.as_object();
    for (const char* field : {"id", "at", "actor_user_id", "action", "target_type", "target_id", "detail"})
      EXPECT_TRUE(entry.contains(field)) << "missing " << field << " in " << json::serialize(entry);
    if (!entry.contains("id") || !entry.contains("action")) continue;
    ids.push_back(entry.at("id").as_int64());
    EXPECT_TRUE(entry.at("at").is_string() && entry.at("at").as_string().ends_with("Z")) << json::serialize(entry);
    const auto mentions = [&](std::int64_t id) {
      const auto is = [&](const char* field) {
        if (!entry.contains(field)) return false;
        const auto& v = entry.at(field);
        if (v.is_int64()) return v.as_int64() == id;
        if (v.is_string()) return v.as_string() == std::to_string(id);
        return false;
      };
      return is("actor_user_id") || is("target_id");
    };
    const auto& action = entry.at("action");
    if (action == json::value("user.created") && mentions(created_id)) {
      saw_creation = true;
      EXPECT_EQ(entry.at("actor_user_id"), json::value(admin_id)) << json::serialize(entry);
    }
    if (action == json::value("auth.login") && mentions(created_id)) ++logins_of_audited;
    if (action == json::value("auth.login") && mentions(admin_id)) saw_admin_login = true;
  }
  EXPECT_TRUE(saw_creation) << all.describe();
  EXPECT_EQ(logins_of_audited, 3) << all.describe();
  EXPECT_TRUE(saw_admin_login) << all.describe();
  ASSERT_GE(ids.size(), 6u) << all.describe();
  for (std::size_t i = 1; i < ids.size(); ++i) EXPECT_GT(ids[i - 1], ids[i]) << "not newest first";

  // Paging with limit=2 visits the same entries in the same order.
  std::vector<std::int64_t> paged;
  std::string target = "/api/v1/admin/audit?limit=2";
  for (int page = 0; page < 100; ++page) {
    const auto result = request(port(), "GET", target, "", as("admin"));
    ASSERT_TRUE(HasStatus(result, 200));
    const auto& page_entries = result.object().at("entries").as_array();
    EXPECT_LE(page_entries.size(), 2u) << result.describe();
    for (const auto& entry : page_entries) paged.push_back(entry.at("id").as_int64());
    const auto& next = result.object().at("next_before");
    if (next.is_null() || page_entries.empty()) break;
    ASSERT_TRUE(next.is_int64()) << result.describe();
    target = "/api/v1/admin/audit?limit=2&before=" + std::to_string(next.as_int64());
  }
  // Entries made by the paging requests themselves would be newer than ids[0]; there are none (GETs).
  EXPECT_EQ(paged, ids);

  // A limit that is too small for everything hands out a cursor.
  const auto first = request(port(), "GET", "/api/v1/admin/audit?limit=1", "", as("admin"));
  ASSERT_TRUE(HasStatus(first, 200));
  ASSERT_EQ(first.object().at("entries").as_array().size(), 1u) << first.describe();
  EXPECT_FALSE(first.object().at("next_before").is_null()) << first.describe();

  // Nonsense paging parameters are bad input, never a 500.
  for (const std::string query : {"limit=abc", "limit=-1", "before=xyz", "limit=99999999999999999999999"}) {
    const auto result = request(port(), "GET", "/api/v1/admin/audit?" + query, "", as("admin"));
    EXPECT_LT(result.status, 500) << query << "\n" << result.describe();
    if (result.status >= 400) {
      EXPECT_TRUE(IsError(result, result.status)) << query;
    }
  }
}

}  // namespace
}  // namespace livedesk::it
