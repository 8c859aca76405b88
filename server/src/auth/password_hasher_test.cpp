// Argon2id password hashing: format, salting, and verification edge cases.
#include "auth/password_hasher.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace livedesk::auth {
namespace {

TEST(PasswordHasherTest, VerifiesTheRightPasswordOnly) {
  const std::string hash = hash_password("correct horse battery staple");
  EXPECT_TRUE(verify_password(hash, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(hash, "correct horse battery stapl"));
  EXPECT_FALSE(verify_password(hash, "Correct horse battery staple"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST(PasswordHasherTest, HashIsArgon2idInSodiumStringFormat) {
  const std::string hash = hash_password("pw");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find('\0'), std::string::npos);
}

TEST(PasswordHasherTest, SamePasswordHashesDifferently) {
  EXPECT_NE(hash_password("same"), hash_password("same"));
}

TEST(PasswordHasherTest, EmptyPasswordIsHashedAndVerified) {
  const std::string hash = hash_password("");
  EXPECT_TRUE(verify_password(hash, ""));
  EXPECT_FALSE(verify_password(hash, " "));
}

TEST(PasswordHasherTest, PasswordBytesAfterNulCount) {
  const std::string with_nul("a\0b", 3);
  const std::string hash = hash_password(with_nul);
  EXPECT_TRUE(verify_password(hash, with_nul));
  EXPECT_FALSE(verify_password(hash, "a"));
}

TEST(PasswordHasherTest, MalformedHashesAreFalseNotErrors) {
  const std::string good = hash_password("pw");
  for (const std::string& bad : std::vector<std::string>{std::string(), std::string("pw"), std::string("$argon2id$"),
                                good.substr(0, good.size() - 5), good + "x", std::string(good).insert(10, 1, '\0'),
                                std::string(1000, '$'), std::string("$2b$12$abcdefghijklmnopqrstuv")}) {
    EXPECT_FALSE(verify_password(bad, "pw")) << bad;
  }
}

TEST(PasswordHasherTest, BurnVerifyTimeIsSafeFromManyThreads) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back([] { burn_verify_time("guess"); });
  for (auto& thread : threads) thread.join();
  burn_verify_time("");
  SUCCEED();
}

}  // namespace
}  // namespace livedesk::auth
