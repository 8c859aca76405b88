// Merging the workers' reports (one JSON object per worker, as gathered by
// WorkerPool) into the scenario's totals. Plain functions.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

namespace livedesk::bench {

// The sum of the numeric field `key` over the reports (missing counts 0).
int64_t sum_field(const std::vector<boost::json::object>& reports, std::string_view key);
double sum_double(const std::vector<boost::json::object>& reports, std::string_view key);
// The "error_codes" objects added up code by code.
boost::json::object merge_codes(const std::vector<boost::json::object>& reports);
// Every "lat_us" sample of every report.
std::vector<int64_t> merge_lat(const std::vector<boost::json::object>& reports);

}  // namespace livedesk::bench
