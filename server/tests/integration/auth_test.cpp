// Login, tokens and the `user add` CLI, against the real binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/jwt_tools.hpp"
#include "support/server_process.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const StaffUser kAlice{"alice", "correct horse battery staple", "agent", "Alice Doe"};
const StaffUser kBob{"bob", "bobs-password-42", "supervisor", "Bob Roe"};
const std::string kSecret = "integration-test-secret-0123456789-abcdefghij";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

// The CLI's failure contract: non-zero exit, exactly one line on stderr.
::testing::AssertionResult FailsWithOneLine(const CliResult& result) {
  const std::string described = "exit " + std::to_string(result.exit_code) + "\nstdout:\n" + result.out +
                                "\nstderr:\n" + result.err;
  if (result.exit_code == 0) return ::testing::AssertionFailure() << "exited 0\n" << described;
  const std::string reason = trim(result.err);
  if (reason.empty()) return ::testing::AssertionFailure() << "no reason on stderr\n" << described;
  if (reason.find('\n') != std::string::npos)
    return ::testing::AssertionFailure() << "the reason on stderr is more than one line\n" << described;
  return ::testing::AssertionSuccess();
}

TEST(JwtTools, HmacSha256MatchesRfc4231) {
  // RFC 4231, test case 2.
  const std::string mac = hmac_sha256("Jefe", "what do ya want for nothing?");
  EXPECT_EQ(base64url_encode(mac), "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
  // A key longer than the block and a multi-block message.
  EXPECT_EQ(base64url_encode(hmac_sha256(std::string(100, 'k'), std::string(200, 'x'))),
            "4ybwDOFBlLuF4mg_6bGniFF1P3dHkwP5TCw80ZmL3aM");
}

TEST(Auth, LoginAnswersExactlyAsTheContract) {
  ServerProcess server({.users = {kAlice}});
  const auto result = login_request(server.port(), kAlice.username, kAlice.password);
  ASSERT_TRUE(HasStatus(result, 200));
  EXPECT_NE(result.header("Content-Type").find("application/json"), std::string::npos) << result.describe();
  const auto& body = result.object();

  ASSERT_TRUE(body.contains("access_token") && body.at("access_token").is_string()) << result.describe();
  const std::string token(body.at("access_token").as_string());
  EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2) << "not a compact JWT: " << token;
  ASSERT_TRUE(body.contains("token_type")) << result.describe();
  EXPECT_EQ(body.at("token_type"), json::value("bearer"));
  ASSERT_TRUE(body.contains("expires_in") && body.at("expires_in").is_number()) << result.describe();
  EXPECT_EQ(body.at("expires_in").to_number<std::int64_t>(), 43200);

  ASSERT_TRUE(body.contains("user") && body.at("user").is_object()) << result.describe();
  const auto& user = body.at("user").as_object();
  ASSERT_TRUE(user.contains("id") && user.at("id").is_int64()) << result.describe();
  EXPECT_GT(user.at("id").as_int64(), 0);
  EXPECT_EQ(user.at("username"), json::value("alice"));
  EXPECT_EQ(user.at("name"), json::value("Alice Doe"));
  EXPECT_EQ(user.at("role"), json::value("agent"));

  const auto jwt = decode_jwt(token);
  EXPECT_EQ(jwt.header.at("alg"), json::value("HS256"));
  ASSERT_TRUE(jwt.payload.contains("exp") && jwt.payload.at("exp").is_number()) << json::serialize(jwt.payload);

  const auto me = request(server.port(), "GET", "/api/v1/auth/me", "", bearer(token));
  ASSERT_TRUE(HasStatus(me, 200));
  ASSERT_TRUE(me.object().contains("user")) << me.describe();
  EXPECT_EQ(me.object().at("user").at("id"), user.at("id"));
  EXPECT_EQ(me.object().at("user").at("username"), json::value("alice"));
  EXPECT_EQ(me.object().at("user").at("name"), json::value("Alice Doe"));
  EXPECT_EQ(me.object().at("user").at("role"), json::value("agent"));
}

TEST(Auth, WrongPasswordAndUnknownUserAreInvalidCredentials) {
  ServerProcess server({.users = {kAlice}});
  EXPECT_TRUE(IsError(login_request(server.port(), "alice", "wrong password"), 401, "invalid_credentials"));
  EXPECT_TRUE(IsError(login_request(server.port(), "alice", ""), 401, "invalid_credentials"));
  EXPECT_TRUE(IsError(login_request(server.port(), "nobody", "whatever"), 401, "invalid_credentials"));
  EXPECT_TRUE(IsError(login_request(server.port(), "ALICE", kAlice.password + "x"), 401, "invalid_credentials"));
  // The right password still works afterwards.
  EXPECT_TRUE(HasStatus(login_request(server.port(), "alice", kAlice.password), 200));
}

TEST(Auth, MalformedLoginBodiesAre400) {
  ServerProcess server({.users = {kAlice}});
  struct Case {
    std::string body;
    std::string code;
  };
  const std::vector<Case> cases{
      {"", "invalid_json"},
      {"{", "invalid_json"},
      {"not json at all", "invalid_json"},
      {R"({"username": "alice", "password": "x",})", "invalid_json"},
      {"[]", "invalid_json"},
      {R"(["alice", "x"])", "invalid_json"},
      {R"("alice")", "invalid_json"},
      {"42", "invalid_json"},
      {"null", "invalid_json"},
      {"{}", "missing_field"},
      {R"({"username": "alice"})", "missing_field"},
      {R"({"password": "x"})", "missing_field"},
      {R"({"user": "alice", "pass": "x"})", "missing_field"},
      {R"({"username": 5, "password": "x"})", "invalid_field"},
      {R"({"username": "alice", "password": 12345})", "invalid_field"},
      {R"({"username": ["alice"], "password": "x"})", "invalid_field"},
      {R"({"username": "alice", "password": {"value": "x"}})", "invalid_field"},
      {R"({"username": true, "password": false})", "invalid_field"},
  };
  for (const auto& c : cases) {
    const auto result = request(server.port(), "POST", "/api/v1/auth/login", c.body);
    EXPECT_TRUE(IsError(result, 400, c.code)) << "body: " << c.body;
  }
  // null is both "missing" and "not a string": either code is accepted.
  for (const std::string body : {R"({"username": "alice", "password": null})", R"({"username": null, "password": "x"})"}) {
    const auto result = request(server.port(), "POST", "/api/v1/auth/login", body);
    EXPECT_TRUE(IsError(result, 400)) << "body: " << body;
    EXPECT_TRUE(result.error_code() == "missing_field" || result.error_code() == "invalid_field") << result.describe();
  }
  // Still serving, and still accepting the right password.
  EXPECT_TRUE(HasStatus(login_request(server.port(), "alice", kAlice.password), 200));
}

TEST(Auth, TenFailuresRateLimitThatUserFromThatAddressOnly) {
  ServerProcess server({.users = {kAlice, kBob}});
  for (int i = 1; i <= 10; ++i) {
    const auto result = login_request(server.port(), "alice", "wrong-" + std::to_string(i), "127.0.0.1");
    ASSERT_TRUE(IsError(result, 401, "invalid_credentials")) << "attempt " << i;
  }
  // The 11th attempt is refused, even with the right password.
  const auto limited = login_request(server.port(), "alice", kAlice.password, "127.0.0.1");
  EXPECT_TRUE(IsError(limited, 429, "rate_limited"));
  ASSERT_TRUE(limited.has_header("Retry-After")) << limited.describe();
  const std::string retry_after = limited.header("Retry-After");
  EXPECT_FALSE(retry_after.empty());
  EXPECT_TRUE(std::all_of(retry_after.begin(), retry_after.end(), [](char c) { return std::isdigit(c); }))
      << "Retry-After is not delta-seconds: " << retry_after;
  if (!retry_after.empty() && retry_after.size() < 10) {
    EXPECT_GT(std::stoll(retry_after), 0);
    EXPECT_LE(std::stoll(retry_after), 60);
  }
  EXPECT_TRUE(IsError(login_request(server.port(), "alice", "wrong-again", "127.0.0.1"), 429, "rate_limited"));

  // Another client address is a different key.
  EXPECT_TRUE(HasStatus(login_request(server.port(), "alice", kAlice.password, "127.0.0.2"), 200));
  // So is another username from the limited address.
  EXPECT_TRUE(HasStatus(login_request(server.port(), "bob", kBob.password, "127.0.0.1"), 200));
  // And the limited pair stays limited.
  EXPECT_TRUE(IsError(login_request(server.port(), "alice", kAlice.password, "127.0.0.1"), 429, "rate_limited"));
}

TEST(Auth, ExpiresInFollowsTokenTtlFromTheEnvironment) {
  ServerProcess server({.users = {kAlice}, .env = {{"LIVEDESK_TOKEN_TTL", "120"}}});
  const auto result = login_request(server.port(), "alice", kAlice.password);
  ASSERT_TRUE(HasStatus(result, 200));
  ASSERT_TRUE(result.object().contains("expires_in")) << result.describe();
  EXPECT_EQ(result.object().at("expires_in").to_number<std::int64_t>(), 120);

  const auto jwt = decode_jwt(std::string(result.object().at("access_token").as_string()));
  ASSERT_TRUE(jwt.payload.contains("exp")) << json::serialize(jwt.payload);
  const auto exp = jwt.payload.at("exp").to_number<std::int64_t>();
  if (jwt.payload.contains("iat")) {
    EXPECT_EQ(exp - jwt.payload.at("iat").to_number<std::int64_t>(), 120);
  }
  // Loose bounds only: the clock of this process and the server's are the same.
  EXPECT_GT(exp, now_seconds());
  EXPECT_LT(exp, now_seconds() + 120 + 600);
}

TEST(Auth, MeRejectsMissingGarbageTamperedAndExpiredTokens) {
  ServerProcess server({.users = {kAlice}, .env = {{"LIVEDESK_JWT_SECRET", kSecret}}});
  const unsigned short port = server.port();
  const std::string token = login(port, "alice", kAlice.password);
  ASSERT_TRUE(HasStatus(request(port, "GET", "/api/v1/auth/me", "", bearer(token)), 200));

  auto me_with = [&](const Headers& headers) { return request(port, "GET", "/api/v1/auth/me", "", headers); };

  EXPECT_TRUE(IsError(me_with({}), 401, "unauthorized")) << "no Authorization header";
  EXPECT_TRUE(IsError(me_with({{"Authorization", ""}}), 401, "unauthorized")) << "empty header";
  EXPECT_TRUE(IsError(me_with({{"Authorization", "Bearer"}}), 401, "unauthorized")) << "Bearer alone";
  EXPECT_TRUE(IsError(me_with({{"Authorization", "Bearer "}}), 401, "unauthorized")) << "Bearer and a space";
  EXPECT_TRUE(IsError(me_with(bearer("garbage")), 401, "unauthorized"));
  EXPECT_TRUE(IsError(me_with(bearer("a.b.c")), 401, "unauthorized"));
  EXPECT_TRUE(IsError(me_with(bearer("...")), 401, "unauthorized"));
  EXPECT_TRUE(IsError(me_with({{"Authorization", "Basic YWxpY2U6eA=="}}), 401, "unauthorized"));
  EXPECT_TRUE(IsError(me_with({{"Authorization", token}}), 401, "unauthorized")) << "token without the scheme";
  EXPECT_TRUE(IsError(me_with(bearer(token + "x")), 401, "unauthorized")) << "appended byte";
  EXPECT_TRUE(IsError(me_with(bearer(token.substr(0, token.size() - 1))), 401, "unauthorized")) << "cut short";

  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  const std::string signing_input = token.substr(0, last_dot);
  const auto parts = decode_jwt(token);

  {  // Another signature.
    std::string signature = parts.signature;
    signature[signature.size() / 2] ^= 0x01;
    EXPECT_TRUE(IsError(me_with(bearer(signing_input + "." + base64url_encode(signature))), 401, "unauthorized"))
        << "flipped signature bit";
    EXPECT_TRUE(IsError(me_with(bearer(signing_input + ".")), 401, "unauthorized")) << "no signature";
  }
  {  // A changed payload under the old signature.
    auto payload = parts.payload;
    payload["role"] = "admin";
    payload["exp"] = now_seconds() + 999999;
    const std::string forged = token.substr(0, first_dot) + "." + base64url_encode(json::serialize(payload)) +
                               token.substr(last_dot);
    EXPECT_TRUE(IsError(me_with(bearer(forged)), 401, "unauthorized")) << "payload changed";
  }
  {  // alg none.
    json::object header{{"alg", "none"}, {"typ", "JWT"}};
    const std::string unsigned_token =
        base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(parts.payload)) + ".";
    EXPECT_TRUE(IsError(me_with(bearer(unsigned_token)), 401, "unauthorized")) << "alg none";
  }
  {  // Signed with another secret.
    const std::string other = sign_hs256(parts.header, parts.payload, "not-the-server-secret-0123456789-xyz");
    EXPECT_TRUE(IsError(me_with(bearer(other)), 401, "unauthorized")) << "wrong secret";
  }
  // Control: the same claims re-signed with the server's secret pass, so the
  // expired token below fails for its expiry and nothing else.
  const std::string resigned = sign_hs256(parts.header, parts.payload, kSecret);
  ASSERT_TRUE(HasStatus(me_with(bearer(resigned)), 200)) << "re-signed unchanged token";
  {
    auto payload = parts.payload;
    const auto now = now_seconds();
    payload["exp"] = now - 3600;
    if (payload.contains("iat")) payload["iat"] = now - 7200;
    if (payload.contains("nbf")) payload["nbf"] = now - 7200;
    EXPECT_TRUE(IsError(me_with(bearer(sign_hs256(parts.header, payload, kSecret))), 401, "unauthorized"))
        << "expired an hour ago";
    payload.erase("exp");
    EXPECT_TRUE(IsError(me_with(bearer(sign_hs256(parts.header, payload, kSecret))), 401, "unauthorized"))
        << "no exp claim";
  }
  // The real token still works.
  EXPECT_TRUE(HasStatus(me_with(bearer(token)), 200));
}

TEST(Auth, UserAddCliSucceedsAndFailsAsTheContract) {
  TempDir data;
  const std::string dir = data.path().string();
  auto user_add = [&](std::vector<std::string> extra, const std::string& input) {
    std::vector<std::string> args{"user", "add"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"--password-stdin", "--data-dir", dir});
    return run_cli(args, input);
  };

  const auto created = user_add({"carol", "--role", "supervisor", "--name", "Carol Coe"}, "carols-password\n");
  EXPECT_EQ(created.exit_code, 0) << created.out << created.err;
  EXPECT_TRUE(created.out.starts_with("created")) << created.out;

  EXPECT_TRUE(FailsWithOneLine(user_add({"carol", "--role", "agent"}, "another-password\n"))) << "duplicate";
  EXPECT_TRUE(FailsWithOneLine(user_add({"dave", "--role", "overlord"}, "daves-password\n"))) << "bad role";
  EXPECT_TRUE(FailsWithOneLine(user_add({"bad name!", "--role", "agent"}, "some-password\n"))) << "bad username";
  EXPECT_TRUE(FailsWithOneLine(user_add({"erin", "--role", "agent"}, "\n"))) << "empty password";
  EXPECT_TRUE(FailsWithOneLine(user_add({"frank", "--role", "agent"}, ""))) << "no password at all";

  ServerProcess server({.data_dir = data.path()});
  const auto ok = login_request(server.port(), "carol", "carols-password");
  ASSERT_TRUE(HasStatus(ok, 200));
  EXPECT_EQ(ok.object().at("user").at("role"), json::value("supervisor"));
  EXPECT_EQ(ok.object().at("user").at("name"), json::value("Carol Coe"));
  // The duplicate did not replace the password; the refused accounts do not exist.
  EXPECT_TRUE(IsError(login_request(server.port(), "carol", "another-password"), 401, "invalid_credentials"));
  EXPECT_TRUE(IsError(login_request(server.port(), "dave", "daves-password"), 401, "invalid_credentials"));
  EXPECT_TRUE(IsError(login_request(server.port(), "bad name!", "some-password"), 401, "invalid_credentials"));
  EXPECT_TRUE(IsError(login_request(server.port(), "erin", ""), 401, "invalid_credentials"));
}

}  // namespace
}  // namespace livedesk::it
