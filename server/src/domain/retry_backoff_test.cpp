#include "domain/retry_backoff.hpp"

#include <gtest/gtest.h>

namespace livedesk::domain {
namespace {

using std::chrono::milliseconds;

TEST(RetryBackoff, CeilingDoublesFromInitialUpToMax) {
  const RetryBackoff backoff{milliseconds(500), milliseconds(10'000)};
  EXPECT_EQ(backoff.ceiling(1), milliseconds(500));
  EXPECT_EQ(backoff.ceiling(2), milliseconds(1000));
  EXPECT_EQ(backoff.ceiling(3), milliseconds(2000));
  EXPECT_EQ(backoff.ceiling(5), milliseconds(8000));
  EXPECT_EQ(backoff.ceiling(6), milliseconds(10'000));
  EXPECT_EQ(backoff.ceiling(1'000'000), milliseconds(10'000));  // no overflow however many retries
}

TEST(RetryBackoff, FullJitterSpansZeroToTheCeiling) {
  const RetryBackoff backoff{milliseconds(1000), milliseconds(60'000)};
  EXPECT_EQ(backoff.delay(3, 0.0), milliseconds(0));
  EXPECT_EQ(backoff.delay(3, 0.5), milliseconds(2000));
  EXPECT_EQ(backoff.delay(3, 0.999999), milliseconds(3999));
  EXPECT_EQ(backoff.delay(3, 7.0), milliseconds(4000));  // clamped to the ceiling
  for (int retry = 1; retry < 40; ++retry)
    for (double unit : {0.0, 0.1, 0.37, 0.9, 0.99999}) {
      EXPECT_GE(backoff.delay(retry, unit), milliseconds(0));
      EXPECT_LE(backoff.delay(retry, unit), backoff.ceiling(retry));
    }
}

TEST(RetryBackoff, RetryAfterLengthensTheWaitButNeverBeyondMax) {
  const RetryBackoff backoff{milliseconds(1000), milliseconds(60'000)};
  EXPECT_EQ(backoff.delay(1, 0.5, milliseconds(30'000)), milliseconds(30'000));
  EXPECT_EQ(backoff.delay(1, 0.5, milliseconds(100)), milliseconds(500));  // never shortens
  EXPECT_EQ(backoff.delay(1, 0.5, milliseconds(86'400'000)), milliseconds(60'000));
}

}  // namespace
}  // namespace livedesk::domain
