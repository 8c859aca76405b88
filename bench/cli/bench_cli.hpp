// The command line of livedesk-bench (CLI11, as the server's):
//
//   livedesk-bench <connections|chat|fanout|storm|soak|seed|history> --livedesk PATH [--option value ...]
//
// The scenario's options and the common ones (server, cluster, sources) may
// come in any order after the scenario. Called once, from main.
#pragma once

#include <optional>

#include "cli/bench_options.hpp"

namespace livedesk::bench {

struct ParsedCommandLine {
  std::optional<BenchOptions> options;  // empty: end with exit_code (help printed, or an error)
  int exit_code = 0;
};

ParsedCommandLine parse_command_line(int argc, char** argv);

}  // namespace livedesk::bench
