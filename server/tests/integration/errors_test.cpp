// Error answers of every kind, health checks, hostile input and slow clients.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;
using namespace std::string_literals;

const StaffUser kAdmin{"root", "admin-password-1", "admin", "Ada Admin"};
const StaffUser kAgent{"andy", "agent-password-1", "agent", "Andy Agent"};

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }
std::string nested_objects(std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += "{\"a\":";
  text += "1";
  text += std::string(depth, '}');
  return text;
}

TEST(Errors, UnknownRoutesAre404) {
  ServerProcess server;
  for (const std::string target :
       {"/api/v1/nope", "/api/v1", "/api", "/api/", "/api/v2/auth/login", "/api/v1/auth/login/extra",
        "/api/v1/admin/users/1/2/3",
        "/api/v1/auth//login/x"}) {
    EXPECT_TRUE(IsError(request(server.port(), "GET", target), 404, "not_found")) << target;
  }
  EXPECT_TRUE(IsError(request(server.port(), "POST", "/api/v1/nope", "{}"), 404, "not_found"));
  EXPECT_TRUE(IsError(request(server.port(), "DELETE", "/api/v1/nope"), 404, "not_found"));
}

TEST(Errors, WrongMethodIs405WithAllow) {
  ServerProcess server;
  struct Case {
    std::string method;
    std::string target;
    std::string allowed;
  };
  for (const auto& c : std::vector<Case>{{"GET", "/api/v1/auth/login", "POST"},
                                         {"PUT", "/api/v1/auth/login", "POST"},
                                         {"DELETE", "/api/v1/auth/login", "POST"},
                                         {"POST", "/api/v1/auth/me", "GET"},
                                         {"DELETE", "/api/v1/staff", "GET"},
                                         {"GET", "/api/v1/admin/users", "POST"},
                                         {"PATCH", "/api/v1/admin/audit", "GET"}}) {
    const auto result = request(server.port(), c.method, c.target, c.method == "GET" ? "" : "{}");
    EXPECT_TRUE(IsError(result, 405, "method_not_allowed")) << c.method << " " << c.target;
    EXPECT_TRUE(result.has_header("Allow")) << result.describe();
    EXPECT_NE(result.header("Allow").find(c.allowed), std::string::npos) << result.describe();
    EXPECT_EQ(result.header("Allow").find(c.method), std::string::npos) << result.describe();
  }
}

TEST(Errors, BodyOverOneMebibyteIs413) {
  ServerProcess server({.users = {kAdmin}});
  const std::string admin = login(server.port(), kAdmin.username, kAdmin.password);
  // A valid JSON document just over 1 MiB.
  const std::string padding(1024 * 1024, 'x');
  const std::string big = R"({"username": "root", "password": ")" + padding + R"("})";
  ASSERT_GT(big.size(), 1024u * 1024u);
  EXPECT_TRUE(IsError(request(server.port(), "POST", "/api/v1/auth/login", big), 413, "payload_too_large"));
  const std::string big_user = R"({"username": "huge", "role": "agent", "password": ")" + padding + R"("})";
  EXPECT_TRUE(IsError(request(server.port(), "POST", "/api/v1/admin/users", big_user, bearer(admin)), 413,
                      "payload_too_large"));
  // Much larger still.
  const std::string huge(8 * 1024 * 1024, ' ');
  EXPECT_TRUE(IsError(request(server.port(), "POST", "/api/v1/auth/login", huge), 413, "payload_too_large"));
  // The server is fine afterwards.
  EXPECT_TRUE(HasStatus(request(server.port(), "GET", "/healthz"), 200));
  EXPECT_TRUE(HasStatus(login_request(server.port(), kAdmin.username, kAdmin.password), 200));
}

TEST(Errors, MalformedHttpIs400ThenClose) {
  ServerProcess server;
  const std::vector<std::string> garbage{
      "NOT A REQUEST\r\n\r\n",
      "GET\r\n\r\n",
      "GET /healthz HTTP/1.1 extra\r\nHost: x\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 19),
  };
  for (const auto& bytes : garbage) {
    const std::string received = raw_exchange(server.port(), bytes);  // throws unless the server closes
    const auto response = parse_raw_response(received);
    EXPECT_TRUE(IsError(response, 400)) << "request bytes: " << json::serialize(json::string(bytes))
                                        << "\nraw answer:\n" << received;
  }
  EXPECT_TRUE(HasStatus(request(server.port(), "GET", "/healthz"), 200));
}

TEST(Errors, HealthAndReadiness) {
  ServerProcess server;
  const auto health = request(server.port(), "GET", "/healthz");
  ASSERT_TRUE(HasStatus(health, 200));
  EXPECT_NE(health.header("Content-Type").find("application/json"), std::string::npos) << health.describe();
  EXPECT_EQ(health.object().at("status"), json::value("ok")) << health.describe();
  const auto ready = request(server.port(), "GET", "/readyz");
  ASSERT_TRUE(HasStatus(ready, 200));
  ASSERT_TRUE(ready.object().contains("status")) << ready.describe();
  EXPECT_EQ(ready.object().at("status"), json::value("ready")) << ready.describe();
}

TEST(Errors, EveryErrorHasTheContractShape) {
  ServerProcess server({.users = {kAdmin, kAgent}});
  const std::string admin = login(server.port(), kAdmin.username, kAdmin.password);
  const std::string agent = login(server.port(), kAgent.username, kAgent.password);
  struct Case {
    std::string method;
    std::string target;
    std::string body;
    Headers headers;
    int status;
  };
  const std::vector<Case> cases{
      {"GET", "/api/v1/unknown", "", {}, 404},
      {"GET", "/no-such-file.js", "", {}, 404},
      {"GET", "/api/v1/auth/login", "", {}, 405},
      {"POST", "/api/v1/auth/login", "{", {}, 400},
      {"POST", "/api/v1/auth/login", "{}", {}, 400},
      {"POST", "/api/v1/auth/login", R"({"username": 1, "password": 2})", {}, 400},
      {"POST", "/api/v1/auth/login", R"({"username": "root", "password": "nope"})", {}, 401},
      {"GET", "/api/v1/auth/me", "", {}, 401},
      {"GET", "/api/v1/auth/me", "", bearer("x.y.z"), 401},
      {"GET", "/api/v1/staff", "", bearer(agent), 403},
      {"GET", "/api/v1/admin/audit", "", bearer(agent), 403},
      {"POST", "/api/v1/admin/users", R"({"username": "andy", "password": "pw-pw-pw-pw", "role": "agent"})",
       bearer(admin), 409},
      {"POST", "/api/v1/admin/users", R"({"username": "x1", "password": "pw-pw-pw-pw", "role": "king"})",
       bearer(admin), 400},
      {"POST", "/api/v1/auth/login", std::string(1024 * 1024 + 1, ' '), {}, 413},
      // The path is echoed in messages; bytes that are not UTF-8 must not break the JSON.
      {"GET", "/api/v1/%ff%fe", "", {}, 404},
      {"GET", "/api/v1/%c0%ae", "", {}, 404},
      {"GET", "/%ff%fe.js", "", {}, 404},
      {"GET", "/api/v1/%22%5cx", "", {}, 404},
  };
  for (const auto& c : cases) {
    const auto result = request(server.port(), c.method, c.target, c.body, c.headers);
    EXPECT_TRUE(IsError(result, c.status)) << c.method << " " << c.target;
  }
  for (int i = 0; i < 11; ++i) login_request(server.port(), "andy", "wrong");
  EXPECT_TRUE(IsError(login_request(server.port(), "andy", "wrong"), 429, "rate_limited"));
}

TEST(Errors, HostileJsonIsBadInputNeverA500) {
  ServerProcess server({.users = {kAdmin}});
  const std::string admin = login(server.port(), kAdmin.username, kAdmin.password);
  const std::string digits(20000, '9');
  const std::vector<std::string> bodies{
      nested_arrays(100000),
      nested_objects(100000),
      R"({"username": )" + nested_arrays(100000) + R"(, "password": "x"})",
      R"({"username": "root", "password": )" + nested_objects(50000) + "}",
      R"({"username": "root", "password": "x", "extra": )" + nested_arrays(100000) + "}",
      std::string(100000, '['),
      R"({"username": 1e999999, "password": "x"})",
      R"({"username": -1e999999, "password": "x"})",
      R"({"username": )" + digits + R"(, "password": "x"})",
      R"({"username": "root", "password": 0.)" + digits + "}",
      R"({"username": "root", "password": "x", "n": )" + digits + "}",
      digits,
      R"({"username": "\ud800", "password": "x"})",
      "{\"username\": \"\xff\xfe\", \"password\": \"x\"}",
      "{\"username\": \"root\", \"password\": \"x\"}\x00garbage"s,
      R"({"username": "root", "password": "x"} {"username": "root"})",
      R"({"username": "root", "username": 5, "password": "x"})",
      "\xef\xbb\xbf{\"username\": 5}",
  };
  for (const auto& body : bodies) {
    for (const std::string target : {"/api/v1/auth/login", "/api/v1/admin/users"}) {
      const auto result = request(server.port(), "POST", target, body, target == "/api/v1/auth/login" ? Headers{} : bearer(admin));
      const std::string shown = body.size() > 80 ? body.substr(0, 80) + "..." : body;
      // Bad input is a 4xx with the contract body (a 401 is tolerated where the
      // document may be read as a login with a strange username).
      EXPECT_TRUE(result.status == 400 || (result.status == 401 && target == "/api/v1/auth/login"))
          << target << " body: " << json::serialize(json::string(shown)) << "\n" << result.describe();
      EXPECT_TRUE(HasErrorShape(result)) << target;
    }
  }
  EXPECT_TRUE(HasStatus(request(server.port(), "GET", "/healthz"), 200));
  EXPECT_TRUE(HasStatus(login_request(server.port(), kAdmin.username, kAdmin.password), 200));
}

TEST(Errors, ClientWithUnfinishedHeadersIsDisconnected) {
  ServerProcess server({.args = {"--header-timeout-ms", "300"}});
  RawConnection slow(server.port());
  ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  std::string received;  // an answer (408) before the close is allowed, not required
  EXPECT_TRUE(slow.wait_closed(10s, &received)) << "still open after 10 s; received: " << received;
  // The server itself keeps serving.
  EXPECT_TRUE(HasStatus(request(server.port(), "GET", "/healthz"), 200));
}

TEST(Errors, ClientThatSendsNothingIsDisconnected) {
  ServerProcess server({.args = {"--header-timeout-ms", "300"}});
  RawConnection idle(server.port());
  std::string received;
  EXPECT_TRUE(idle.wait_closed(10s, &received)) << "idle connection still open after 10 s; received: " << received;
  EXPECT_TRUE(HasStatus(request(server.port(), "GET", "/healthz"), 200));
}

TEST(Errors, KeepAliveConnectionIdleAfterAResponseIsDisconnected) {
  ServerProcess server({.args = {"--header-timeout-ms", "300"}});
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  // It answers, keeps the connection for a next request, and drops it once
  // that request's headers do not arrive in time.
  std::string received;
  EXPECT_TRUE(connection.wait_closed(10s, &received)) << "still open after 10 s; received: " << received;
  EXPECT_TRUE(received.starts_with("HTTP/1.1 200")) << received;
}

}  // namespace
}  // namespace livedesk::it
