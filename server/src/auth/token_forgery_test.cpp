// Hand-built tokens an attacker could send: alg confusion ("none", HS384,
// HS512), claims that are missing or of the wrong type, oversized tokens.
// Each is signed correctly with the real secret unless the point is the
// signature, so a rejection proves the claim check, not a signature failure.
#include <gtest/gtest.h>

#include <vector>

#include "auth/jwt_forge_test_util.hpp"
#include "auth/token_service.hpp"

namespace livedesk::auth {
namespace {

using namespace std::chrono_literals;
using testing::base64url;
using testing::forge_hs256;
using testing::hs256_signature;
using testing::sign_with_libjwt;
using testing::unsigned_part;

const std::string secret = "0123456789abcdef0123456789abcdef-test-secret";
constexpr std::int64_t now_seconds = 1'795'000'000;
const std::string future_exp = std::to_string(now_seconds + 3600);

std::string staff_payload(std::string_view extra = "") {
  return R"({"sub":"42","kind":"staff","username":"alice","role":"admin","iat":1795000000,"exp":)" + future_exp +
         std::string(extra) + "}";
}

class TokenForgeryTest : public ::testing::Test {
 protected:
  domain::ManualClock clock{domain::TimePoint(std::chrono::seconds(now_seconds))};
  TokenService tokens{secret, clock, 8h, 24h};
};

// The forging helpers are trustworthy: a correctly forged token passes, so the
// rejections below are caused by what each test changes.
TEST_F(TokenForgeryTest, CorrectlyForgedTokensAreAccepted) {
  const auto staff = tokens.verify(forge_hs256(staff_payload(), secret));
  ASSERT_TRUE(staff);
  EXPECT_EQ(staff->role, domain::Role::admin);
  EXPECT_TRUE(tokens.verify(forge_hs256(R"({"sub":"5","kind":"customer","sid":77,"exp":)" + future_exp + "}", secret)));
  EXPECT_TRUE(tokens.verify(forge_hs256(R"({"alg":"HS256"})", staff_payload(), secret)));
}

TEST_F(TokenForgeryTest, AlgNoneWithEmptySignatureIsRejected) {
  for (const char* header : {R"({"alg":"none","typ":"JWT"})", R"({"alg":"none"})", R"({"alg":"None","typ":"JWT"})",
                             R"({"alg":"NONE","typ":"JWT"})"}) {
    EXPECT_FALSE(tokens.verify(unsigned_part(header, staff_payload()) + ".")) << header;
    EXPECT_FALSE(tokens.verify(unsigned_part(header, staff_payload()))) << header;
  }
}

TEST_F(TokenForgeryTest, AlgNoneWithSignaturePresentIsRejected) {
  const std::string header = R"({"alg":"none","typ":"JWT"})";
  const std::string input = unsigned_part(header, staff_payload());
  // Even a signature that is a correct HMAC under our secret must not rescue it.
  EXPECT_FALSE(tokens.verify(input + "." + hs256_signature(input, secret)));
  EXPECT_FALSE(tokens.verify(input + ".c2lnbmF0dXJl"));
}

// Characterises libjwt 1.10 itself: handed no key it accepts "alg":"none"
// (any signature part is ignored); handed a key it refuses it. verify() always
// passes a key and also refuses tokens whose signature part is empty, so it
// does not depend on that second behaviour alone.
TEST_F(TokenForgeryTest, LibjwtAcceptsAlgNoneOnlyWithoutAKey) {
  const std::string token = unsigned_part(R"({"alg":"none","typ":"JWT"})", staff_payload()) + ".";
  jwt_t* decoded = nullptr;
  EXPECT_EQ(jwt_decode(&decoded, token.c_str(), nullptr, 0), 0);
  EXPECT_EQ(jwt_get_alg(decoded), JWT_ALG_NONE);
  jwt_free(decoded);
  decoded = nullptr;
  EXPECT_NE(jwt_decode(&decoded, token.c_str(), reinterpret_cast<const unsigned char*>(secret.data()),
                       static_cast<int>(secret.size())),
            0);
  jwt_free(decoded);
}

TEST_F(TokenForgeryTest, OtherHmacAlgorithmsWithOurSecretAreRejected) {
  EXPECT_FALSE(tokens.verify(sign_with_libjwt(JWT_ALG_HS384, staff_payload(), secret)));
  EXPECT_FALSE(tokens.verify(sign_with_libjwt(JWT_ALG_HS512, staff_payload(), secret)));
  // Control: the same helper with HS256 produces an accepted token.
  EXPECT_TRUE(tokens.verify(sign_with_libjwt(JWT_ALG_HS256, staff_payload(), secret)));
}

TEST_F(TokenForgeryTest, UnknownOrAsymmetricAlgHeaderIsRejected) {
  for (const char* header : {R"({"alg":"RS256"})", R"({"alg":"ES256"})", R"({"alg":"HS257"})", R"({"typ":"JWT"})",
                             R"({"alg":["HS256"]})", R"({"alg":null})"}) {
    EXPECT_FALSE(tokens.verify(forge_hs256(header, staff_payload(), secret))) << header;
  }
}

TEST_F(TokenForgeryTest, WrongSecretIsRejected) {
  EXPECT_FALSE(tokens.verify(forge_hs256(staff_payload(), "0123456789abcdef0123456789abcdef-test-secreT")));
  EXPECT_FALSE(tokens.verify(forge_hs256(staff_payload(), "")));
}

TEST_F(TokenForgeryTest, PayloadSwappedUnderAValidSignatureIsRejected) {
  const std::string agent = forge_hs256(
      R"({"sub":"42","kind":"staff","username":"alice","role":"agent","exp":)" + future_exp + "}", secret);
  const std::string promoted = agent.substr(0, agent.find('.') + 1) + base64url(staff_payload()) +
                               agent.substr(agent.rfind('.'));
  ASSERT_TRUE(tokens.verify(agent));
  EXPECT_FALSE(tokens.verify(promoted));
}

TEST_F(TokenForgeryTest, MissingOrNonIntegerExpIsRejected) {
  const std::string base = R"({"sub":"42","kind":"staff","username":"alice","role":"admin")";
  for (const std::string& exp : std::vector<std::string>{"", R"(,"exp":")" + future_exp + "\"", R"(,"exp":)" + future_exp + ".5",
                                R"(,"exp":1.9e9)", R"(,"exp":true)", R"(,"exp":null)", R"(,"exp":[1900000000])",
                                R"(,"exp":99999999999999999)"}) {
    EXPECT_FALSE(tokens.verify(forge_hs256(base + exp + "}", secret))) << exp;
  }
}

TEST_F(TokenForgeryTest, ExpAtOrBeforeNowIsRejected) {
  const std::string base = R"({"sub":"42","kind":"staff","username":"alice","role":"admin","exp":)";
  EXPECT_FALSE(tokens.verify(forge_hs256(base + std::to_string(now_seconds) + "}", secret)));
  EXPECT_FALSE(tokens.verify(forge_hs256(base + std::to_string(now_seconds - 1) + "}", secret)));
  EXPECT_FALSE(tokens.verify(forge_hs256(base + "0}", secret)));
  EXPECT_FALSE(tokens.verify(forge_hs256(base + "-5}", secret)));
  EXPECT_TRUE(tokens.verify(forge_hs256(base + std::to_string(now_seconds + 1) + "}", secret)));
}

TEST_F(TokenForgeryTest, UnknownOrMissingKindIsRejected) {
  const std::string rest = R"("sub":"42","username":"alice","role":"admin","sid":1,"exp":)" + future_exp + "}";
  for (const std::string& kind : std::vector<std::string>{"", R"("kind":"admin",)", R"("kind":"Staff",)", R"("kind":"",)", R"("kind":1,)",
                                 R"("kind":null,)"}) {
    EXPECT_FALSE(tokens.verify(forge_hs256("{" + kind + rest, secret))) << kind;
  }
}

TEST_F(TokenForgeryTest, UnknownOrMissingRoleIsRejected) {
  const std::string base = R"({"sub":"42","kind":"staff","username":"alice","exp":)" + future_exp;
  for (const std::string& role : std::vector<std::string>{"", R"(,"role":"superadmin")", R"(,"role":"Admin")", R"(,"role":"")",
                                 R"(,"role":3)", R"(,"role":["admin"])"}) {
    EXPECT_FALSE(tokens.verify(forge_hs256(base + role + "}", secret))) << role;
  }
}

TEST_F(TokenForgeryTest, StaffWithoutUsernameIsRejected) {
  const std::string base = R"({"sub":"42","kind":"staff","role":"admin","exp":)" + future_exp;
  EXPECT_FALSE(tokens.verify(forge_hs256(base + "}", secret)));
  EXPECT_FALSE(tokens.verify(forge_hs256(base + R"(,"username":""})", secret)));
  EXPECT_FALSE(tokens.verify(forge_hs256(base + R"(,"username":7})", secret)));
}

TEST_F(TokenForgeryTest, MissingOrMalformedSubIsRejected) {
  const std::string rest = R"("kind":"customer","sid":1,"exp":)" + future_exp + "}";
  for (const std::string& sub : std::vector<std::string>{"", R"("sub":5,)", R"("sub":"",)", R"("sub":"5x",)", R"("sub":" 5",)",
                                R"("sub":"+5",)", R"("sub":"99999999999999999999",)"}) {
    EXPECT_FALSE(tokens.verify(forge_hs256("{" + sub + rest, secret))) << sub;
  }
}

TEST_F(TokenForgeryTest, CustomerWithoutIntegerSidIsRejected) {
  const std::string base = R"({"sub":"5","kind":"customer","exp":)" + future_exp;
  for (const std::string& sid : std::vector<std::string>{"", R"(,"sid":"77")", R"(,"sid":7.5)", R"(,"sid":null)"}) {
    EXPECT_FALSE(tokens.verify(forge_hs256(base + sid + "}", secret))) << sid;
  }
}

TEST_F(TokenForgeryTest, OversizedTokenIsRejectedBeforeDecoding) {
  const auto padded = [&](std::size_t pad) {
    return forge_hs256(staff_payload(R"(,"pad":")" + std::string(pad, 'x') + "\""), secret);
  };
  const std::string near_limit = padded(5500);  // base64 grows it by 4/3, to just under 8 KiB
  ASSERT_LE(near_limit.size(), TokenService::max_token_size);
  EXPECT_TRUE(tokens.verify(near_limit));
  const std::string oversized = padded(6200);
  ASSERT_GT(oversized.size(), TokenService::max_token_size);
  EXPECT_FALSE(tokens.verify(oversized));
  EXPECT_FALSE(tokens.verify(std::string(1 << 20, 'a')));
}

TEST_F(TokenForgeryTest, MalformedJsonOrBase64IsRejected) {
  const std::string header = base64url(R"({"alg":"HS256","typ":"JWT"})");
  for (const std::string& payload : std::vector<std::string>{base64url("{not json"), base64url("[]"), base64url("\"str\""), std::string("!!!!"),
                                    std::string("a")}) {
    const std::string input = header + "." + payload;
    EXPECT_FALSE(tokens.verify(input + "." + hs256_signature(input, secret))) << payload;
  }
}

}  // namespace
}  // namespace livedesk::auth
