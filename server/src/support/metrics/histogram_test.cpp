#include "support/metrics/histogram.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

using livedesk::support::Histogram;
using livedesk::support::MetricSample;

TEST(Histogram, BucketsAreCumulativeWithInclusiveBoundsAndAnInfBucket) {
  Histogram h({1, 2, 5});
  for (double v : {0.5, 1.0, 1.5, 2.0, 4.0, 7.0, 100.0}) h.observe(v);
  EXPECT_EQ(h.cumulative_counts(), (std::vector<std::uint64_t>{2, 4, 5, 7}));
  EXPECT_DOUBLE_EQ(h.sum(), 116.0);
}

TEST(Histogram, CollectWritesBucketsWithLeThenSumAndCountEqualToInf) {
  Histogram h({0.25, 1});
  h.observe(0.1);
  h.observe(3);
  std::vector<MetricSample> out;
  h.collect({{"kind", "x"}}, out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].suffix, "_bucket");
  EXPECT_EQ(out[0].labels, (livedesk::support::LabelPairs{{"kind", "x"}, {"le", "0.25"}}));
  EXPECT_EQ(out[0].value, 1);
  EXPECT_EQ(out[1].labels.back().second, "1");
  EXPECT_EQ(out[1].value, 1);
  EXPECT_EQ(out[2].labels.back().second, "+Inf");
  EXPECT_EQ(out[2].value, 2);
  EXPECT_EQ(out[3].suffix, "_sum");
  EXPECT_DOUBLE_EQ(out[3].value, 3.1);
  EXPECT_EQ(out[4].suffix, "_count");
  EXPECT_EQ(out[4].value, 2);
  EXPECT_EQ(out[4].labels, (livedesk::support::LabelPairs{{"kind", "x"}}));
}

TEST(Histogram, RefusesEmptyUnsortedOrInfiniteBounds) {
  EXPECT_THROW(Histogram({}), std::invalid_argument);
  EXPECT_THROW(Histogram({1, 1}), std::invalid_argument);
  EXPECT_THROW(Histogram({2, 1}), std::invalid_argument);
  EXPECT_THROW(Histogram({1, std::numeric_limits<double>::infinity()}), std::invalid_argument);
}

TEST(Histogram, ConcurrentObservationsAreAllCounted) {
  Histogram h({1});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&h] {
      for (int i = 0; i < 10'000; ++i) h.observe(i % 2 ? 0.5 : 2.0);
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(h.cumulative_counts(), (std::vector<std::uint64_t>{20'000, 40'000}));
  EXPECT_DOUBLE_EQ(h.sum(), 50'000.0);
}
