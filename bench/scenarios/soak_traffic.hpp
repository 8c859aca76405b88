// The soak's traffic in one worker besides the paced chat (scenarios/pacer.hpp):
// customer sockets dropped (RST) and resumed by seq, attachments uploaded and
// sent in a message, supervisor dashboards held open. Each loop runs as a
// coroutine on the worker's io_context thread until `running` turns false;
// the crowd and the counters outlive them.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "clients/bench_clients.hpp"
#include "scenarios/chat_crowd.hpp"

namespace livedesk::bench {

// What the side traffic of one worker counted, reported with every sample.
struct SoakCounters {
  int64_t reconnects = 0, reconnect_failed = 0, uploads = 0, upload_failed = 0;
  int64_t dashboards_open = 0, dashboards_closed = 0, dashboard_frames = 0;

  boost::json::object report() const;
};

// Every `interval_ms` the next customer with an active chat loses its socket
// (RST) and connects again at once, resuming with its last seq.
boost::asio::awaitable<void> drop_and_resume(ChatCrowd& crowd, int64_t interval_ms, const bool& running,
                                             SoakCounters& counters);

// Every `interval_ms` the next customer with an active chat uploads a text file
// of `bytes` (unique content, so every upload is stored) and sends it in a message.
boost::asio::awaitable<void> upload_files(ChatCrowd& crowd, int64_t interval_ms, int bytes, int worker,
                                          const bool& running, SoakCounters& counters);

// `n` dashboard sockets with the default subscription, authenticated with
// `token`; their frames and closes are counted into `counters`.
boost::asio::awaitable<std::vector<std::shared_ptr<WsConnection>>> open_dashboards(int n, const std::string& token,
                                                                                   SoakCounters& counters);

}  // namespace livedesk::bench
