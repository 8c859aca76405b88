#pragma once
// same_json(a, b): JSON equality for round-trip invariants, where two doubles
// are the same when they differ by a few units in the last place. Boost.JSON
// 1.81 parses decimals fast but not always correctly rounded, so serializing a
// double and parsing the text back may land on a neighbouring double
// (1.8446755555555554E35 reads back 4e19 lower); everything else compares as ==.
#include <cmath>
#include <limits>

#include <boost/json.hpp>

namespace livedesk::fuzz {

inline bool same_json(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.get_double(), y = b.get_double();
    return x == y || std::abs(x - y) <= 8 * std::numeric_limits<double>::epsilon() * std::max(std::abs(x), std::abs(y));
  }
  if (a.is_array() && b.is_array()) {
    const auto &x = a.get_array(), &y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!same_json(x[i], y[i])) return false;
    return true;
  }
  if (a.is_object() && b.is_object()) {
    const auto &x = a.get_object(), &y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& [key, value] : x) {
      const auto* other = y.if_contains(key);
      if (!other || !same_json(value, *other)) return false;
    }
    return true;
  }
  return a == b;  // as Boost.JSON compares: an int64 and a uint64 of one number are equal
}

}  // namespace livedesk::fuzz
