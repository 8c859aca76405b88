#include "support/json_log.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/sinks/stdout_sinks.h>

namespace livedesk::support {

void configure_json_logging(spdlog::level::level_enum level, const std::string& node_id) {
  auto logger = spdlog::stdout_logger_mt("livedesk");
  // The node is fixed for the process: written once into the pattern, JSON-escaped.
  std::string node = boost::json::serialize(boost::json::value(node_id));
  for (std::size_t at = 0; (at = node.find('%', at)) != std::string::npos; at += 2) node.insert(at, "%");
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","node":)" + node + ",%v}",
                      spdlog::pattern_time_type::utc);
  logger->set_level(level);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void log_event(spdlog::level::level_enum level, std::string_view msg, const boost::json::object& fields) {
  if (!spdlog::should_log(level)) return;
  boost::json::object line;
  line["msg"] = msg;
  for (const auto& field : fields) line[field.key()] = field.value();
  std::string text = boost::json::serialize(line);
  // The pattern already opened the object; drop this one's braces.
  spdlog::log(level, std::string_view(text).substr(1, text.size() - 2));
}

}  // namespace livedesk::support
