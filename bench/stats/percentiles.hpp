// Latency summaries as the results JSON reports them. A plain function.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <vector>

namespace livedesk::bench {

// {"samples", "p50_ms", "p99_ms", "p999_ms", "max_ms"} of `us` (microseconds;
// sorted in place), nearest-rank percentiles rounded to 0.01 ms, null when empty.
boost::json::object percentiles_ms(std::vector<int64_t>& us);

}  // namespace livedesk::bench
