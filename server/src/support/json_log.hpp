#pragma once
// Structured logs: every line spdlog writes is one JSON object
// {"ts", "level", "msg", ...fields}, so log shippers need no parser of ours.
#include <boost/json/object.hpp>
#include <spdlog/spdlog.h>
#include <string>
#include <string_view>

namespace livedesk::support {

// Sets the process-wide JSON pattern (UTC timestamps) and the minimum level.
void configure_json_logging(spdlog::level::level_enum level, const std::string& node_id);

// Logs `msg` with extra fields, each serialized by Boost.JSON (so quotes and
// control characters in values cannot break the line).
void log_event(spdlog::level::level_enum level, std::string_view msg, const boost::json::object& fields = {});

}  // namespace livedesk::support
