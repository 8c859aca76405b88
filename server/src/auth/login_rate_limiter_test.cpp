// Sliding-window login failure limits, driven by a ManualClock.
#include "auth/login_rate_limiter.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace livedesk::auth {
namespace {

using namespace std::chrono_literals;

class LoginRateLimiterTest : public ::testing::Test {
 protected:
  void fail(int times, std::string_view user = "alice", std::string_view address = "10.0.0.1") {
    for (int i = 0; i < times; ++i) limiter.record_failure(user, address);
  }

  domain::ManualClock clock{domain::TimePoint(std::chrono::seconds(1'795'000'000))};
  LoginRateLimiter limiter{clock};
};

TEST_F(LoginRateLimiterTest, TenFailuresBlock) {
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.1"));
  fail(9);
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.1"));
  fail(1);
  EXPECT_FALSE(limiter.allowed("alice", "10.0.0.1"));
}

TEST_F(LoginRateLimiterTest, FailuresExpireAfterTheWindow) {
  fail(10);
  clock.advance(59s);
  EXPECT_FALSE(limiter.allowed("alice", "10.0.0.1"));
  clock.advance(1s);
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.1"));
}

TEST_F(LoginRateLimiterTest, WindowSlidesOverSpreadOutFailures) {
  fail(5);
  clock.advance(30s);
  fail(5);
  EXPECT_FALSE(limiter.allowed("alice", "10.0.0.1"));
  clock.advance(30s);  // the first five have left the window
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.1"));
  fail(4);
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.1"));
  fail(1);
  EXPECT_FALSE(limiter.allowed("alice", "10.0.0.1"));
}

TEST_F(LoginRateLimiterTest, SuccessResetsTheKey) {
  fail(9);
  limiter.record_success("alice", "10.0.0.1");
  fail(9);
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.1"));
  fail(1);
  limiter.record_success("alice", "10.0.0.1");
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.1"));
  EXPECT_EQ(limiter.tracked_keys(), 0u);
}

TEST_F(LoginRateLimiterTest, KeysAreIndependentPerAddressAndExactUsername) {
  fail(10, "alice", "10.0.0.1");
  EXPECT_FALSE(limiter.allowed("alice", "10.0.0.1"));
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.2"));
  EXPECT_TRUE(limiter.allowed("bob", "10.0.0.1"));
  EXPECT_TRUE(limiter.allowed("Alice", "10.0.0.1"));
  // The pair is unambiguous whatever characters the parts contain.
  fail(10, "ab", "c");
  EXPECT_TRUE(limiter.allowed("a", "bc"));
}

TEST_F(LoginRateLimiterTest, RetryAfterCountsDownToTheOldestFailureLeaving) {
  EXPECT_EQ(limiter.retry_after("alice", "10.0.0.1"), 0s);
  fail(10);
  EXPECT_EQ(limiter.retry_after("alice", "10.0.0.1"), 60s);
  clock.advance(20s + 500ms);
  EXPECT_EQ(limiter.retry_after("alice", "10.0.0.1"), 40s);  // 39.5 s rounded up
  clock.advance(39s);
  EXPECT_EQ(limiter.retry_after("alice", "10.0.0.1"), 1s);  // never 0 while blocked
  clock.advance(500ms);
  EXPECT_EQ(limiter.retry_after("alice", "10.0.0.1"), 0s);
}

TEST_F(LoginRateLimiterTest, FailuresWhileBlockedExtendTheBlock) {
  fail(10);
  clock.advance(30s);
  fail(1);
  EXPECT_EQ(limiter.retry_after("alice", "10.0.0.1"), 30s);  // nine of the first ten still count
  clock.advance(30s);
  EXPECT_TRUE(limiter.allowed("alice", "10.0.0.1"));
}

TEST_F(LoginRateLimiterTest, CustomLimitAndWindow) {
  LoginRateLimiter strict(clock, 3, 10s);
  for (int i = 0; i < 3; ++i) strict.record_failure("u", "a");
  EXPECT_FALSE(strict.allowed("u", "a"));
  EXPECT_EQ(strict.retry_after("u", "a"), 10s);
  clock.advance(10s);
  EXPECT_TRUE(strict.allowed("u", "a"));
}

TEST_F(LoginRateLimiterTest, RejectsNonsenseConfiguration) {
  EXPECT_THROW(LoginRateLimiter(clock, 0), std::invalid_argument);
  EXPECT_THROW(LoginRateLimiter(clock, 10, 0s), std::invalid_argument);
  EXPECT_THROW(LoginRateLimiter(clock, 10, 60s, 0), std::invalid_argument);
}

TEST_F(LoginRateLimiterTest, ExpiredKeysArePrunedOpportunistically) {
  for (int i = 0; i < 5000; ++i) limiter.record_failure("random-user-" + std::to_string(i), "203.0.113.9");
  EXPECT_GE(limiter.tracked_keys(), 4000u);  // some pruning passes may run, but nothing has expired yet
  clock.advance(61s);
  for (int i = 0; i < 1000; ++i) (void)limiter.allowed("someone", "198.51.100.1");
  EXPECT_EQ(limiter.tracked_keys(), 0u);
}

TEST_F(LoginRateLimiterTest, KeyCountIsCappedByEvictingTheStalest) {
  constexpr std::size_t cap = 1000;
  LoginRateLimiter capped(clock, 3, 60s, cap);
  for (int i = 0; i < 3; ++i) capped.record_failure("stale", "x");
  clock.advance(1s);
  for (std::size_t i = 0; i < cap + 20; ++i) capped.record_failure(std::to_string(i), "x");
  EXPECT_EQ(capped.tracked_keys(), cap);
  EXPECT_TRUE(capped.allowed("stale", "x"));  // evicted first: its failures were the oldest
  for (int i = 0; i < 3; ++i) capped.record_failure("alice", "10.0.0.1");
  EXPECT_FALSE(capped.allowed("alice", "10.0.0.1"));  // a fresh key is still tracked and blocked
  EXPECT_EQ(capped.tracked_keys(), cap);
}

TEST_F(LoginRateLimiterTest, DefaultCapIsOneHundredThousandKeys) {
  EXPECT_EQ(LoginRateLimiter::default_max_keys, 100'000u);
}

TEST_F(LoginRateLimiterTest, ConcurrentFailuresAreAllCounted) {
  LoginRateLimiter limiter_of_100(clock, 100);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        limiter_of_100.record_failure("alice", "10.0.0.1");
        (void)limiter_of_100.allowed("alice", "10.0.0.1");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_FALSE(limiter_of_100.allowed("alice", "10.0.0.1"));
}

}  // namespace
}  // namespace livedesk::auth
