// The load scenarios of livedesk-bench, one file each. Each runs in the parent
// process against servers that are already started: it sets up its accounts
// and chats (scenario_setup.hpp), forks its workers, drives them, and returns
// the result object that main prints as one JSON line (docs/benchmarks.md).
#pragma once

#include <boost/json/object.hpp>

#include "cli/bench_options.hpp"
#include "process/server_under_test.hpp"

namespace livedesk::bench {

// Many idle customer and dashboard sockets held open: server memory per connection.
boost::json::object run_connections(const ConnectionsOptions& options, const ServerUnderTest& server);
// Agents and customers chatting at an offered rate: throughput, latency, loss.
boost::json::object run_chat(const ChatOptions& options, const ServerUnderTest& server);
// Chats started at a rate while many dashboards watch: push fan-out latency.
boost::json::object run_fanout(const FanoutOptions& options, const ServerUnderTest& server);
// Every customer socket dropped at once mid-chat and resumed: time, loss, duplicates.
boost::json::object run_storm(const StormOptions& options, const ServerUnderTest& server);
// A long run at moderate load (chat, dashboards, reconnects, uploads): the server's RSS, open
// descriptors and message latency per sample interval, and every message checked at the end.
boost::json::object run_soak(const SoakOptions& options, const ServerUnderTest& server);
// A realistic history written into the database of --data-dir or --database (no server): seed time,
// counts, sizes; then `livedesk search rebuild` when --livedesk is given.
boost::json::object run_seed(const SeedOptions& options, const ServerOptions& server);
// Latency of the history reads (search, conversation lists and deep cursor pages, contact pages and
// lists, transcripts) against a server on a seeded history, one request at a time.
boost::json::object run_history(const HistoryOptions& options, const ServerUnderTest& server);

}  // namespace livedesk::bench
