// Chat load on a cluster, for the fault tests: N chats, each between one
// customer and one agent (N agents, one chat each), every client a
// StickyClient connected through nginx, customers and agents both sending at
// a steady pace, each message resent with the same client_msg_id until
// acknowledged. Then check() compares what was acknowledged, stored and
// received.
//
// The constructor sets the chats up (and throws if routing did not give each
// agent exactly one); start() starts one thread per client; stop() lets each
// finish the message it is sending and joins them. The other methods are for
// the test's thread; progress readers may run while the load runs.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/cluster_support.hpp"
#include "support/sticky_client.hpp"

namespace livedesk::it {

struct ChatLoadOptions {
  int pairs = 20;
  double messages_per_second = 100;  // in total, customers and agents together
  StickyTimings timings{.ack_wait = std::chrono::milliseconds(3000), .give_up = std::chrono::milliseconds(90000)};
};

// What one run showed; check() fills it.
struct LoadFigures {
  int acked = 0;               // messages acknowledged to their sender
  int lost = 0;                // acknowledged but not in the stored history
  int duplicates = 0;          // a client_msg_id stored twice, or a seq received twice by one client
  int seq_gaps = 0;            // seqs missing from a stored history or from what a client received
  int two_agent_chats = 0;     // chats not held by exactly the agent they were first given (REST and DB views)
  std::int64_t longest_unacked_ms = 0;  // the longest stretch with no acknowledgement anywhere
  int reconnections = 0;
  std::string problems;        // one line per finding, for failure messages

  // "FAULT <name> acked=... lost=... ...": the line the fault tests print.
  std::string line(const std::string& fault) const;
};

class ChatLoad {
 public:
  using Clock = std::chrono::steady_clock;

  // The agent accounts the load needs (give them to the Cluster): agent<i> with one password.
  static std::vector<StaffUser> agent_users(int pairs);

  ChatLoad(Cluster& cluster, ChatLoadOptions options = {});
  // Gives up the messages in flight (a failed test's teardown must not wait for them).
  ~ChatLoad();
  ChatLoad(const ChatLoad&) = delete;
  ChatLoad& operator=(const ChatLoad&) = delete;

  void start();
  // Every client's sending thread ends after the message it is on.
  void stop();

  int acked() const { return acked_.load(); }
  // Whether every client has had an acknowledgement after `since`: everyone works again.
  bool every_client_acked_after(Clock::time_point since) const;
  // Throws the first client's failure (a message never acknowledged), if any.
  void rethrow_failure() const;
  // How many clients have had an ack after `since`, for timeout messages.
  std::string progress(Clock::time_point since) const;

  // After stop(): reads the stored history (PostgreSQL) and the chats (REST
  // through nginx and PostgreSQL), lets every client catch up to the last
  // stored seq, and counts.
  LoadFigures check();

 private:
  struct Party;
  void run(Party& party, Clock::duration interval, Clock::duration offset);

  Cluster& cluster_;
  ChatLoadOptions options_;
  std::vector<std::unique_ptr<Party>> parties_;
  std::vector<std::int64_t> first_agent_;  // per chat, the agent routing gave it
  std::vector<std::string> customer_tokens_;  // per chat
  std::atomic<bool> stopping_{false};
  std::atomic<bool> abandoned_{false};  // the destructor's: give up the messages in flight
  std::atomic<int> acked_{0};
  Clock::time_point started_{};
  Clock::time_point stopped_{};
};

}  // namespace livedesk::it
