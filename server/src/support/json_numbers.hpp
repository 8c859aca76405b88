#pragma once
// finite_numbers(value): whether every number in `value` is finite. Boost.JSON
// 1.81 reads a number beyond a double's range (1e400) as infinity and writes
// infinity as `Infinity`, which is not JSON; a parser of outside JSON that kept
// such a number would later send text no client can read, so parsers refuse it.
#include <cmath>

#include <boost/json/value.hpp>

namespace livedesk::support {

inline bool finite_numbers(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::double_:
      return std::isfinite(value.get_double());
    case boost::json::kind::array:
      for (const auto& item : value.get_array())
        if (!finite_numbers(item)) return false;
      return true;
    case boost::json::kind::object:
      for (const auto& [key, item] : value.get_object())
        if (!finite_numbers(item)) return false;
      return true;
    default:
      return true;
  }
}

}  // namespace livedesk::support
