#pragma once
// The customer messages of one open chat that its agent has not read: the
// unread_count of the chat lists. Seqs come in increasing order; a read receipt
// up to seq N clears every seq <= N. Memory is bounded: only the newest
// `kept` seqs are held; older unread ones are only counted, with the newest of
// them, so a receipt clears them exactly when it covers all of them (the usual
// case: the agent read up to the last message it saw) or none of them. A
// receipt that ends among them leaves them counted: an over-count, never an
// under-count. Not thread-safe: owned by the chat engine's thread.
#include <boost/circular_buffer.hpp>
#include <cstddef>
#include <cstdint>

namespace livedesk::domain {

// Unread customer seqs of one chat, in bounded memory.
class UnreadSeqs {
 public:
  static constexpr std::size_t kept = 128;

  // A new customer message; `seq` is above every seq added before.
  void add(std::int64_t seq);
  // The agent read every message up to `seq`.
  void read_up_to(std::int64_t seq);
  std::int64_t count() const { return std::int64_t(newest_.size()) + older_; }
  // Seqs held in memory (at most `kept`).
  std::size_t held() const { return newest_.size(); }

 private:
  boost::circular_buffer<std::int64_t> newest_;  // grows to `kept` as needed: an idle chat holds nothing
  std::int64_t older_ = 0;                       // unread, dropped from newest_, all below its front
  std::int64_t newest_older_seq_ = 0;            // the newest of those
};

}  // namespace livedesk::domain
