// What one worker counted of the chat traffic it generated and received:
// messages sent, acknowledged and delivered (with their latency), errors by
// code, connections closed. Owned by one worker, touched only on its
// io_context thread; its report() goes up to the parent, which merges the
// workers' reports with stats/worker_reports.hpp.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace livedesk::bench {

// One worker's chat counters and latency samples.
struct ChatStats {
  int64_t sent = 0, acked = 0, delivered = 0, delivered_in_window = 0, errors = 0, closed = 0;
  std::map<std::string, int64_t> error_codes;
  std::vector<int64_t> lat_us;
  int64_t window_start = 0, window_end = INT64_MAX;  // the measured window (CLOCK_MONOTONIC us)

  // An "error" frame: counted under its data.code.
  void count_error(std::string_view frame);
  // A message_created whose body carries a send time (pad_body); others are not ours.
  void record_delivery(const boost::json::object* message, int64_t now_us);
  // The counters (and the latency samples when `with_latency`) plus this process's CPU seconds.
  boost::json::object report(bool with_latency) const;
};

// A message body that carries its send time `t_us`, padded with 'x' to `bytes`.
std::string pad_body(int64_t t_us, int bytes);
// The send time in a pad_body body, -1 when there is none.
int64_t body_time(std::string_view body);

}  // namespace livedesk::bench
