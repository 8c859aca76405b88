// The seed's random numbers: SplitMix64, with its own uniform, normal and
// weighted picks, so a --seed gives the same history with any standard library
// (std::*_distribution may differ between implementations).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace livedesk::bench {

class SeedRandom {
 public:
  explicit SeedRandom(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  bool chance(double p) { return uniform() < p; }
  int64_t below(int64_t n) { return n <= 0 ? 0 : int64_t(next() % uint64_t(n)); }
  int64_t between(int64_t lo, int64_t hi) { return lo + below(hi - lo + 1); }  // inclusive
  double normal() {  // Box-Muller
    const double u = 1.0 - uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }
  double lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[size_t(below(int64_t(items.size())))];
  }
  // An index into `cumulative` (ascending partial sums of the weights).
  size_t weighted(const std::vector<double>& cumulative) {
    const double x = uniform() * cumulative.back();
    const auto i = size_t(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
    return std::min(i, cumulative.size() - 1);
  }

 private:
  uint64_t state_;
};

// Partial sums, for SeedRandom::weighted.
inline std::vector<double> cumulative(const std::vector<double>& weights) {
  std::vector<double> sums(weights.size());
  double total = 0;
  for (size_t i = 0; i < weights.size(); ++i) sums[i] = total += weights[i];
  return sums;
}

}  // namespace livedesk::bench
