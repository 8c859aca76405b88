#include "bus/redis_endpoint.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace livedesk::bus {
namespace {

TEST(RedisEndpoint, ReadsHostPortCredentialsAndDatabase) {
  auto plain = parse_redis_url("redis://cache.internal");
  EXPECT_EQ(plain.host, "cache.internal");
  EXPECT_EQ(plain.port, 6379);
  EXPECT_EQ(plain.password, "");
  EXPECT_EQ(plain.db, 0);

  auto full = parse_redis_url("redis://ops:s%40cret@10.0.0.5:6380/3");
  EXPECT_EQ(full.host, "10.0.0.5");
  EXPECT_EQ(full.port, 6380);
  EXPECT_EQ(full.user, "ops");
  EXPECT_EQ(full.password, "s@cret");
  EXPECT_EQ(full.db, 3);

  auto password_only = parse_redis_url("redis://:pw@[::1]:7000/");
  EXPECT_EQ(password_only.host, "::1");
  EXPECT_EQ(password_only.port, 7000);
  EXPECT_EQ(password_only.user, "");
  EXPECT_EQ(password_only.password, "pw");
}

TEST(RedisEndpoint, RejectsWhatItCannotUse) {
  for (const char* url : {"", "redis", "localhost:6379", "http://h", "rediss://h", "redis://", "redis://:6379",
                          "redis://h:0", "redis://h:65536", "redis://h:-1", "redis://h:port", "redis://h/x",
                          "redis://h/1/2", "redis://h?db=1", "redis://h#x", "redis://user@h"}) {
    EXPECT_THROW(parse_redis_url(url), std::invalid_argument) << url;
  }
}

TEST(RedisEndpoint, TheErrorSaysWhatIsWrong) {
  try {
    parse_redis_url("rediss://h");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("TLS"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace livedesk::bus
