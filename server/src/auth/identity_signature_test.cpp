// The widget's identity hash: HMAC-SHA256 of the user id under the site's secret.
#include "auth/identity_signature.hpp"

#include <gtest/gtest.h>

#include "auth/webhook_signature.hpp"

namespace livedesk::auth {
namespace {

TEST(IdentitySignature, MatchesTheHmacOfTheUserIdOnly) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  const std::string hash = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  EXPECT_TRUE(identity_hash_matches("Jefe", "what do ya want for nothing?", hash));
  EXPECT_TRUE(identity_hash_matches("Jefe", "what do ya want for nothing?",
                                    "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"));
  EXPECT_FALSE(identity_hash_matches("Jefe", "what do ya want for nothing!", hash));
  EXPECT_FALSE(identity_hash_matches("jefe", "what do ya want for nothing?", hash));
  EXPECT_FALSE(identity_hash_matches("Jefe", "what do ya want for nothing?", hash.substr(0, 63)));
  EXPECT_FALSE(identity_hash_matches("Jefe", "what do ya want for nothing?", hash.substr(0, 63) + "g"));
  EXPECT_FALSE(identity_hash_matches("Jefe", "what do ya want for nothing?", ""));
}

TEST(IdentitySignature, NewSecretsAreRandomHex) {
  const std::string a = new_identity_secret();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, new_identity_secret());
  EXPECT_TRUE(identity_hash_matches(a, "user-1", hmac_sha256_hex(a, "user-1")));
}

}  // namespace
}  // namespace livedesk::auth
