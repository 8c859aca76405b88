#include "bus/log_follower.hpp"

#include <algorithm>

namespace livedesk::bus {

void LogFollower::follow(Reader reader, std::int64_t delivered_up_to) {
  reader_ = std::move(reader);
  delivered_ = std::max(delivered_, delivered_up_to);
}

bool LogFollower::offer(const Event& event, std::int64_t position) {
  if (position <= 0 || !reader_) {
    deliver_(event, position);
    if (position > 0) delivered_ = std::max(delivered_, position);
    return true;
  }
  if (position <= delivered_) {
    ++duplicates_;
    return true;
  }
  bool whole = true;
  if (position > delivered_ + 1) whole = fill(position - 1);
  // Whatever the log could not give is lost to this node's clients; the caller falls back.
  delivered_ = std::max(delivered_, position - 1);
  deliver(event, position);
  return whole;
}

bool LogFollower::catch_up() { return reader_ && fill(0); }

bool LogFollower::fill(std::int64_t until) {
  bool whole = true;
  for (;;) {
    if (until != 0 && delivered_ >= until) return whole;
    auto limit = page_;
    if (until != 0) limit = std::min<std::size_t>(limit, static_cast<std::size_t>(until - delivered_));
    auto entries = reader_(delivered_, limit);
    if (!entries) return false;
    // Nothing more: for a gap, the log lost the rest of it (pruned).
    if (entries->empty()) return whole && until == 0;
    for (auto& entry : *entries) {
      if (entry.position <= delivered_) continue;
      if (until != 0 && entry.position > until) return whole;
      if (entry.position != delivered_ + 1) whole = false;  // pruned: a hole the log cannot fill
      if (entry.event) {
        deliver(*entry.event, entry.position);
        ++filled_;
      } else {
        delivered_ = entry.position;
      }
    }
  }
}

void LogFollower::deliver(const Event& event, std::int64_t position) {
  delivered_ = position;
  deliver_(event, position);
}

}  // namespace livedesk::bus
