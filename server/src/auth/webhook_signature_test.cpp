#include "auth/webhook_signature.hpp"

#include <gtest/gtest.h>

namespace livedesk::auth {
namespace {

TEST(WebhookSignature, HmacMatchesRfc4231) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignature, SignsTimestampDotBodyAsPythonsHmacDoes) {
  // python3: hmac.new(b'whsec_test', b'1700000000.{"id":"e1"}', hashlib.sha256).hexdigest()
  EXPECT_EQ(webhook_signature("whsec_test", 1700000000, R"({"id":"e1"})"),
            "t=1700000000,v1=6a85cb117c993612a34c72b4cfb5a16baed25a80d26e298ce0e6671320fd07c8");
}

TEST(WebhookSignature, AnyChangeOfSecretTimeOrBodyChangesIt) {
  const auto base = webhook_signature("whsec_a", 100, "{}");
  EXPECT_NE(webhook_signature("whsec_b", 100, "{}"), base);
  EXPECT_NE(webhook_signature("whsec_a", 101, "{}"), base);
  EXPECT_NE(webhook_signature("whsec_a", 100, "{ }"), base);
}

TEST(WebhookSignature, NewSecretsAreRandomAndPrefixed) {
  const auto a = new_webhook_secret(), b = new_webhook_secret();
  EXPECT_EQ(a.size(), 6u + 64u);
  EXPECT_TRUE(a.starts_with("whsec_"));
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace livedesk::auth
