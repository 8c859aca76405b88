// load_or_create_secret: the on-disk JWT signing secret.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "auth/token_service.hpp"

namespace livedesk::auth {
namespace {

namespace fs = std::filesystem;

class JwtSecretTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir = fs::temp_directory_path() /
          ("livedesk_auth_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  void write_secret_file(const std::string& content) { std::ofstream(dir / "jwt_secret") << content; }

  fs::path dir;
};

TEST_F(JwtSecretTest, CreatesA0600FileWith64HexCharacters) {
  const std::string secret = load_or_create_secret(dir);
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(secret.find_first_not_of("0123456789abcdef"), std::string::npos) << secret;

  struct stat info {};
  ASSERT_EQ(::stat((dir / "jwt_secret").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::ifstream in(dir / "jwt_secret");
  std::string on_disk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(on_disk, secret);
}

TEST_F(JwtSecretTest, SecondCallReturnsTheSameSecret) {
  EXPECT_EQ(load_or_create_secret(dir), load_or_create_secret(dir));
}

TEST_F(JwtSecretTest, DifferentDataDirsGetDifferentSecrets) {
  const fs::path other = dir / "other";
  EXPECT_NE(load_or_create_secret(dir), load_or_create_secret(other));
}

TEST_F(JwtSecretTest, CreatesAMissingDataDir) {
  const fs::path nested = dir / "a" / "b";
  EXPECT_EQ(load_or_create_secret(nested).size(), 64u);
  EXPECT_TRUE(fs::exists(nested / "jwt_secret"));
}

TEST_F(JwtSecretTest, ExistingSecretIsUsedWithoutTrailingNewline) {
  const std::string chosen = "my-own-secret-that-is-long-enough-1234";
  write_secret_file(chosen + "\n");
  EXPECT_EQ(load_or_create_secret(dir), chosen);
}

TEST_F(JwtSecretTest, ShortSecretFileThrowsWithAClearMessage) {
  write_secret_file("too-short\n");
  try {
    (void)load_or_create_secret(dir);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("too short"), std::string::npos) << error.what();
  }
  write_secret_file(std::string(31, 'x'));
  EXPECT_THROW((void)load_or_create_secret(dir), std::runtime_error);
  write_secret_file(std::string(32, 'x'));
  EXPECT_EQ(load_or_create_secret(dir), std::string(32, 'x'));
}

}  // namespace
}  // namespace livedesk::auth
