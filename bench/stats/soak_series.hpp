// The soak's samples over time and what they add up to: one row per sample
// interval (the server's RSS and open descriptors at its end, the messages
// delivered and their latency during it), and the summary of memory,
// descriptors and latency drift over the run. Parent process only.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace livedesk::bench {

// One sample interval.
struct SoakSample {
  double t_s = 0;  // since the load started
  long rss_kib = 0;
  long fds = 0;
  int64_t delivered = 0;                            // messages with a send time delivered in the interval
  double p50_ms = -1, p99_ms = -1, max_ms = -1;     // -1: none delivered
  int64_t reconnects = 0, uploads = 0, errors = 0;  // since the start
  int64_t dashboards_open = 0;
};

// Samples in time order and their summary.
class SoakSeries {
 public:
  // `rss_kib` and `fds` at the moment the load starts.
  SoakSeries(long rss_kib, long fds) : rss_start_kib_(rss_kib), fds_start_(fds) {}

  // The interval's latency samples (microseconds; sorted in place) go into `sample`'s percentiles.
  void add(SoakSample sample, std::vector<int64_t>& latency_us);
  // The line printed for the last sample added.
  std::string last_line() const;
  boost::json::array rows() const;
  // RSS first vs last, slope per hour over the second half (least squares), descriptors min/max,
  // latency of the first and last tenth of the samples and the p99 slope per hour.
  boost::json::object summary() const;

 private:
  long rss_start_kib_, fds_start_;
  std::vector<SoakSample> samples_;
};

// The least-squares slope of y over x; 0 with fewer than two points.
double least_squares_slope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace livedesk::bench
