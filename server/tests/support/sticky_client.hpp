// A chat client (customer or agent) that survives whatever happens to the node
// under it, as the web app does: when its socket ends or stops answering it
// reconnects (through nginx, normally) and resumes after the last seq it saw;
// a message is resent with the same client_msg_id until it is acknowledged.
//
// It owns its socket and reads every frame itself: it keeps the session's
// message_created frames (every seq it got, in arrival order, over every
// connection) and drops the rest. One thread uses an object at a time.
// Failures throw std::runtime_error.
#pragma once

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "support/ws_client.hpp"

namespace livedesk::it {

// The agent socket's "resume" for one session: nothing before the first message.
boost::json::object resume_after(std::int64_t session_id, std::int64_t last_seq);

struct StickyTimings {
  std::chrono::milliseconds ack_wait{5000};     // no answer this long: the node is stuck, reconnect
  std::chrono::milliseconds retry_pause{200};   // after an error answer, before resending
  std::chrono::milliseconds give_up{60000};     // one message (or one reconnection) unacknowledged this long
};

class StickyClient {
 public:
  using Opener = std::function<std::unique_ptr<WsClient>(std::int64_t last_seq)>;
  // Connects at once. `session_id` is the chat whose messages it keeps; a
  // client that `names_session` (an agent) sends it in every message.
  StickyClient(std::int64_t session_id, Opener open, StickyTimings timings = {}, bool names_session = false);

  // Sends `body` with `client_msg_id` until a message_ack for it comes,
  // reconnecting and resending the same id as often as needed; an error
  // answer for the id (no leader just now) is resent after retry_pause.
  // Returns the ack frame; throws after give_up.
  boost::json::object send_until_acked(const std::string& body, const std::string& client_msg_id);

  // Reads until a message with seq >= `seq` has come (reconnecting as needed).
  void wait_for_seq(std::int64_t seq);

  // From now on every method gives up (throws) soon after `flag` turns true
  // (within one ack_wait or one connection attempt).
  void cancel_when(const std::atomic<bool>& flag) { cancelled_ = &flag; }

  // Every message seq seen, in arrival order, over every connection.
  const std::vector<std::int64_t>& seqs() const { return seqs_; }
  const std::vector<boost::json::object>& messages() const { return messages_; }
  std::int64_t last_seq() const { return last_seq_; }
  int connections() const { return connections_; }

 private:
  void reconnect();
  // Keeps `frame` when it is one of the session's messages; answers whether it was.
  bool record_if_message(const boost::json::object& frame);
  // Records the messages already received on the current socket.
  void take_received();
  void throw_if_cancelled() const;

  std::int64_t session_id_;
  Opener open_;
  StickyTimings timings_;
  bool names_session_;
  const std::atomic<bool>* cancelled_ = nullptr;
  std::unique_ptr<WsClient> ws_;
  std::int64_t last_seq_ = 0;
  int connections_ = 0;
  std::vector<std::int64_t> seqs_;
  std::vector<boost::json::object> messages_;
};

// Each seq once, increasing.
::testing::AssertionResult EachSeqOnceInOrder(const std::vector<std::int64_t>& seqs);

}  // namespace livedesk::it
