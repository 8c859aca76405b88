#include "auth/api_token_hasher.hpp"

#include <gtest/gtest.h>

namespace livedesk::auth {
namespace {

TEST(ApiTokenHasher, SecretsAre32RandomBytesInHex) {
  const auto a = ApiTokenHasher::new_secret();
  const auto b = ApiTokenHasher::new_secret();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(ApiTokenHasher, HashDependsOnSecretAndKey) {
  const ApiTokenHasher one("key-one"), two("key-two");
  const auto secret = ApiTokenHasher::new_secret();
  EXPECT_EQ(one.hash(secret), one.hash(secret));
  EXPECT_EQ(one.hash(secret).size(), 64u);
  EXPECT_NE(one.hash(secret), two.hash(secret));
  EXPECT_NE(one.hash(secret), one.hash(ApiTokenHasher::new_secret()));
  EXPECT_NE(one.hash(secret), secret);
}

TEST(ApiTokenHasher, SameComparesWholeHashes) {
  const ApiTokenHasher hasher("key");
  const auto hash = hasher.hash("s");
  EXPECT_TRUE(ApiTokenHasher::same(hash, hasher.hash("s")));
  EXPECT_FALSE(ApiTokenHasher::same(hash, hasher.hash("t")));
  EXPECT_FALSE(ApiTokenHasher::same(hash, hash.substr(0, 63)));
  EXPECT_THROW(ApiTokenHasher(""), std::invalid_argument);
}

}  // namespace
}  // namespace livedesk::auth
