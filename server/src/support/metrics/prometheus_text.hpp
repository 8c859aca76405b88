#pragma once
// The Prometheus text exposition format, version 0.0.4: for each family a
// `# HELP` line (backslash and newline escaped), a `# TYPE` line, then its
// samples, label values escaped (backslash, double quote, newline) and values
// as the shortest decimal that reads back the same (+Inf, -Inf, NaN spelled
// out). Pure functions; any thread.
#include <string>
#include <string_view>
#include <vector>

#include "support/metrics/metric_snapshot.hpp"

namespace livedesk::support {

// The Content-Type of what prometheus_text() writes.
inline constexpr std::string_view prometheus_content_type = "text/plain; version=0.0.4; charset=utf-8";

std::string prometheus_text(const std::vector<FamilySnapshot>& families);

// A sample value (or a bucket bound) as the format writes it.
std::string format_sample_value(double value);
std::string escape_label_value(std::string_view value);
std::string escape_help(std::string_view help);

}  // namespace livedesk::support
