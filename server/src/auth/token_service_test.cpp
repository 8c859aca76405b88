// Issuing and verifying tokens through the public API: round trips, expiry,
// secrets, and concurrent use.
#include "auth/token_service.hpp"

#include <gtest/gtest.h>
#include <jwt.h>

#include <atomic>
#include <thread>
#include <vector>

namespace livedesk::auth {
namespace {

using namespace std::chrono_literals;
using domain::Role;

const std::string secret = "0123456789abcdef0123456789abcdef-test-secret";
// Half a second past a whole second, so tests notice if exp is not floored.
const domain::TimePoint start = domain::TimePoint(std::chrono::seconds(1'795'000'000)) + 500ms;

class TokenServiceTest : public ::testing::Test {
 protected:
  domain::ManualClock clock{start};
  TokenService tokens{secret, clock, std::chrono::hours(8), std::chrono::hours(24)};
};

TEST_F(TokenServiceTest, StaffClaimsRoundTrip) {
  const auto claims = tokens.verify(tokens.issue_staff(42, "alice", Role::supervisor));
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->kind, TokenKind::staff);
  EXPECT_EQ(claims->subject_id, 42);
  EXPECT_EQ(claims->username, "alice");
  EXPECT_EQ(claims->role, Role::supervisor);
  EXPECT_FALSE(claims->session_id);
  EXPECT_EQ(claims->expires_at, domain::TimePoint(std::chrono::seconds(1'795'000'000)) + 8h);
}

TEST_F(TokenServiceTest, EveryRoleRoundTrips) {
  for (Role role : {Role::agent, Role::supervisor, Role::admin}) {
    const auto claims = tokens.verify(tokens.issue_staff(7, "bob", role));
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->role, role);
  }
}

TEST_F(TokenServiceTest, CustomerClaimsRoundTrip) {
  const auto claims = tokens.verify(tokens.issue_customer(9001, 123456789012345));
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->kind, TokenKind::customer);
  EXPECT_EQ(claims->subject_id, 9001);
  EXPECT_EQ(claims->session_id, 123456789012345);
  EXPECT_TRUE(claims->username.empty());
  EXPECT_FALSE(claims->role);
  EXPECT_EQ(claims->expires_at, domain::TimePoint(std::chrono::seconds(1'795'000'000)) + 24h);
}

TEST_F(TokenServiceTest, UsernameWithUnicodeAndQuotesRoundTrips) {
  const std::string name = "zoë \"the\" admin\\";
  const auto claims = tokens.verify(tokens.issue_staff(1, name, Role::admin));
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->username, name);
}

TEST_F(TokenServiceTest, WireFormatHasDocumentedClaimsAndHs256Header) {
  const std::string token = tokens.issue_staff(42, "alice", Role::agent);
  jwt_t* raw = nullptr;
  ASSERT_EQ(jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(secret.data()),
                       static_cast<int>(secret.size())),
            0);
  EXPECT_EQ(jwt_get_alg(raw), JWT_ALG_HS256);
  EXPECT_STREQ(jwt_get_grant(raw, "sub"), "42");
  EXPECT_STREQ(jwt_get_grant(raw, "kind"), "staff");
  EXPECT_STREQ(jwt_get_grant(raw, "username"), "alice");
  EXPECT_STREQ(jwt_get_grant(raw, "role"), "agent");
  EXPECT_EQ(jwt_get_grant_int(raw, "iat"), 1'795'000'000);
  EXPECT_EQ(jwt_get_grant_int(raw, "exp"), 1'795'000'000 + 8 * 3600);
  jwt_free(raw);

  const std::string customer = tokens.issue_customer(5, 77);
  ASSERT_EQ(jwt_decode(&raw, customer.c_str(), reinterpret_cast<const unsigned char*>(secret.data()),
                       static_cast<int>(secret.size())),
            0);
  EXPECT_STREQ(jwt_get_grant(raw, "kind"), "customer");
  EXPECT_EQ(jwt_get_grant_int(raw, "sid"), 77);
  jwt_free(raw);
}

TEST_F(TokenServiceTest, ValidUntilTheLastSecondThenExpired) {
  const std::string token = tokens.issue_staff(1, "alice", Role::admin);
  clock.advance(8h - 1s);  // now = exp - 0.5 s
  EXPECT_TRUE(tokens.verify(token));
  clock.advance(500ms);  // now == exp exactly
  EXPECT_FALSE(tokens.verify(token));
  clock.advance(1h);
  EXPECT_FALSE(tokens.verify(token));
}

TEST_F(TokenServiceTest, CustomerTokenExpiresAfterCustomerTtl) {
  const std::string token = tokens.issue_customer(3, 4);
  clock.advance(23h);
  EXPECT_TRUE(tokens.verify(token));
  clock.advance(1h);
  EXPECT_FALSE(tokens.verify(token));
}

TEST_F(TokenServiceTest, TokenFromAnotherSecretIsRejected) {
  TokenService other("another-secret-that-is-also-long-enough!!", clock, 8h, 24h);
  EXPECT_FALSE(tokens.verify(other.issue_staff(1, "alice", Role::admin)));
  EXPECT_FALSE(other.verify(tokens.issue_customer(1, 2)));
}

TEST_F(TokenServiceTest, TamperedPayloadIsRejected) {
  const std::string token = tokens.issue_staff(42, "alice", Role::agent);
  const auto first_dot = token.find('.');
  for (std::size_t i = first_dot + 1; i < token.rfind('.'); i += 7) {
    std::string tampered = token;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(tokens.verify(tampered)) << "payload byte " << i;
  }
}

TEST_F(TokenServiceTest, TamperedSignatureIsRejected) {
  const std::string token = tokens.issue_customer(1, 2);
  for (std::size_t i = token.rfind('.') + 1; i < token.size(); ++i) {
    std::string tampered = token;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(tokens.verify(tampered)) << "signature byte " << i;
  }
  EXPECT_FALSE(tokens.verify(token.substr(0, token.size() - 1)));
  EXPECT_FALSE(tokens.verify(token + "A"));
}

TEST_F(TokenServiceTest, TamperedHeaderIsRejected) {
  const std::string token = tokens.issue_customer(1, 2);
  std::string tampered = token;
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(tokens.verify(tampered));
}

TEST_F(TokenServiceTest, GarbageIsRejected) {
  for (const std::string& garbage : std::vector<std::string>{"", ".", "..", "a.b.c", "a.b", "a.b.c.d", "not a token", "Bearer x.y.z",
                                    "eyJhbGciOiJIUzI1NiJ9..", "...."}) {
    EXPECT_FALSE(tokens.verify(garbage)) << garbage;
  }
  const std::string token = tokens.issue_staff(1, "alice", Role::admin);
  EXPECT_FALSE(tokens.verify(" " + token));
  EXPECT_FALSE(tokens.verify(token + "\n"));
  EXPECT_FALSE(tokens.verify(std::string(token).insert(5, 1, '\0')));
  EXPECT_TRUE(tokens.verify(token));
}

TEST_F(TokenServiceTest, ExposesTtls) {
  EXPECT_EQ(tokens.staff_ttl(), std::chrono::seconds(8h));
  EXPECT_EQ(tokens.customer_ttl(), std::chrono::seconds(24h));
}

TEST_F(TokenServiceTest, ConstructorRejectsEmptySecretAndNonPositiveTtl) {
  EXPECT_THROW(TokenService("", clock, 1h, 1h), std::invalid_argument);
  EXPECT_THROW(TokenService(secret, clock, 0s, 1h), std::invalid_argument);
  EXPECT_THROW(TokenService(secret, clock, 1h, -1s), std::invalid_argument);
}

TEST_F(TokenServiceTest, UsernameWithNulIsRefusedAtIssue) {
  EXPECT_THROW(tokens.issue_staff(1, std::string_view("ali\0ce", 6), Role::admin), std::invalid_argument);
}

TEST_F(TokenServiceTest, ConcurrentIssueAndVerify) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const auto staff = tokens.verify(tokens.issue_staff(t * 1000 + i, "user" + std::to_string(i), Role::agent));
        const auto customer = tokens.verify(tokens.issue_customer(i, t));
        if (!staff || staff->subject_id != t * 1000 + i || !customer || customer->session_id != t) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace livedesk::auth
