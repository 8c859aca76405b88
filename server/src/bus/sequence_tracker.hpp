#pragma once
// Follows each publisher's envelope numbers (bus/envelope.hpp) to tell when a
// receiver may have missed events. Used by one thread (the subscriber's).
#include <cstdint>
#include <string>
#include <unordered_map>

namespace livedesk::bus {

// The last number seen from each origin.
class SequenceTracker {
 public:
  // False when `n` does not follow the last number seen from `origin`: events
  // were lost in between, or the origin restarted after events we never saw.
  // The first number seen from an origin sets its baseline; n == 1 is a
  // restarted origin's first event, so nothing of its new run was missed.
  bool continues(const std::string& origin, std::uint64_t n) {
    auto [last, first] = last_.try_emplace(origin, n);
    if (first) return true;
    bool follows = n == last->second + 1 || n == 1;
    last->second = n;
    return follows;
  }

 private:
  std::unordered_map<std::string, std::uint64_t> last_;
};

}  // namespace livedesk::bus
