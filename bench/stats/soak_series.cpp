#include "stats/soak_series.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace livedesk::bench {
namespace json = boost::json;

namespace {
double pct_ms(const std::vector<int64_t>& sorted_us, double p) {
  if (sorted_us.empty()) return -1;
  size_t i = size_t(std::ceil(p / 100.0 * double(sorted_us.size())));
  i = std::min(sorted_us.size() - 1, i == 0 ? 0 : i - 1);
  return std::round(double(sorted_us[i]) / 10.0) / 100.0;
}

double round2(double v) { return std::round(v * 100) / 100; }

json::value ms_or_null(double ms) { return ms < 0 ? json::value(nullptr) : json::value(ms); }

// The median of `f` over samples [from, to).
template <class F>
double median_of(const std::vector<SoakSample>& s, size_t from, size_t to, F f) {
  std::vector<double> v;
  for (size_t i = from; i < to; ++i)
    if (f(s[i]) >= 0) v.push_back(f(s[i]));
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

double least_squares_slope(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) mx += x[i], my += y[i];
  mx /= double(n), my /= double(n);
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < n; ++i) sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx);
  return sxx == 0 ? 0 : sxy / sxx;
}

void SoakSeries::add(SoakSample sample, std::vector<int64_t>& latency_us) {
  std::sort(latency_us.begin(), latency_us.end());
  sample.delivered = int64_t(latency_us.size());
  sample.p50_ms = pct_ms(latency_us, 50);
  sample.p99_ms = pct_ms(latency_us, 99);
  sample.max_ms = latency_us.empty() ? -1 : round2(double(latency_us.back()) / 1000.0);
  samples_.push_back(sample);
}

std::string SoakSeries::last_line() const {
  if (samples_.empty()) return {};
  const auto& s = samples_.back();
  char line[256];
  std::snprintf(line, sizeof line,
                "soak t=%6.0f s  rss %8ld KiB  fds %5ld  delivered %7lld  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  "
                "reconnects %5lld  uploads %4lld  dashboards %3lld  errors %lld",
                s.t_s, s.rss_kib, s.fds, (long long)s.delivered, s.p50_ms, s.p99_ms, s.max_ms, (long long)s.reconnects,
                (long long)s.uploads, (long long)s.dashboards_open, (long long)s.errors);
  return line;
}

json::array SoakSeries::rows() const {
  json::array a;
  for (auto& s : samples_)
    a.push_back(json::object{{"t_s", s.t_s},
                             {"rss_kib", s.rss_kib},
                             {"fds", s.fds},
                             {"delivered", s.delivered},
                             {"p50_ms", ms_or_null(s.p50_ms)},
                             {"p99_ms", ms_or_null(s.p99_ms)},
                             {"max_ms", ms_or_null(s.max_ms)},
                             {"reconnects", s.reconnects},
                             {"uploads", s.uploads},
                             {"errors", s.errors},
                             {"dashboards_open", s.dashboards_open}});
  return a;
}

json::object SoakSeries::summary() const {
  json::object o;
  if (samples_.empty()) return o;
  const auto& last = samples_.back();
  std::vector<double> t, rss, p99;
  for (size_t i = samples_.size() / 2; i < samples_.size(); ++i) {
    t.push_back(samples_[i].t_s / 3600.0);
    rss.push_back(double(samples_[i].rss_kib));
  }
  std::vector<double> ta, p99a;
  for (auto& s : samples_)
    if (s.p99_ms >= 0) ta.push_back(s.t_s / 3600.0), p99a.push_back(s.p99_ms);
  long fd_min = fds_start_, fd_max = fds_start_, rss_max = rss_start_kib_;
  for (auto& s : samples_) {
    fd_min = std::min(fd_min, s.fds);
    fd_max = std::max(fd_max, s.fds);
    rss_max = std::max(rss_max, s.rss_kib);
  }
  const size_t tenth = std::max<size_t>(1, samples_.size() / 10);
  const size_t n = samples_.size();
  o["memory"] = json::object{{"rss_at_start_kib", rss_start_kib_},
                             {"rss_first_sample_kib", samples_.front().rss_kib},
                             {"rss_last_sample_kib", last.rss_kib},
                             {"rss_max_kib", rss_max},
                             {"rss_slope_second_half_kib_per_h", round2(least_squares_slope(t, rss))}};
  o["descriptors"] = json::object{{"at_start", fds_start_}, {"min", fd_min}, {"max", fd_max}, {"last", last.fds}};
  auto p50 = [](const SoakSample& s) { return s.p50_ms; };
  auto p99f = [](const SoakSample& s) { return s.p99_ms; };
  o["latency"] = json::object{{"p50_ms_first_tenth", ms_or_null(median_of(samples_, 0, tenth, p50))},
                              {"p50_ms_last_tenth", ms_or_null(median_of(samples_, n - tenth, n, p50))},
                              {"p99_ms_first_tenth", ms_or_null(median_of(samples_, 0, tenth, p99f))},
                              {"p99_ms_last_tenth", ms_or_null(median_of(samples_, n - tenth, n, p99f))},
                              {"p99_slope_ms_per_h", round2(least_squares_slope(ta, p99a))}};
  return o;
}

}  // namespace livedesk::bench
