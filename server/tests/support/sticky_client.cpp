#include "support/sticky_client.hpp"

#include <thread>

namespace livedesk::it {
namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

json::object resume_after(std::int64_t session_id, std::int64_t last_seq) {
  json::object resume;
  if (last_seq > 0) resume[std::to_string(session_id)] = last_seq;
  return resume;
}

StickyClient::StickyClient(std::int64_t session_id, Opener open, StickyTimings timings, bool names_session)
    : session_id_(session_id), open_(std::move(open)), timings_(timings), names_session_(names_session) {
  reconnect();
}

json::object StickyClient::send_until_acked(const std::string& body, const std::string& client_msg_id) {
  const auto deadline = Clock::now() + timings_.give_up;
  json::object data{{"body", body}, {"client_msg_id", client_msg_id}};
  if (names_session_) data["session_id"] = session_id_;
  std::string last_failure = "nothing sent";
  while (Clock::now() < deadline) {
    throw_if_cancelled();
    try {
      ws_->send_json("send_message", data);
      const auto answer_by = std::min(Clock::now() + timings_.ack_wait, deadline);
      for (;;) {
        const auto left = std::chrono::duration_cast<milliseconds>(answer_by - Clock::now());
        if (left <= milliseconds(0)) throw std::runtime_error("no answer within " + std::to_string(timings_.ack_wait.count()) + " ms");
        auto frame = ws_->next_frame(left);
        if (record_if_message(frame) || str_at(frame, {"data", "client_msg_id"}) != client_msg_id) continue;
        const auto type = str_at(frame, {"type"});
        if (type == "message_ack") return frame;
        if (type == "error") {
          last_failure = "refused " + str_at(frame, {"data", "code"});
          break;
        }
      }
      std::this_thread::sleep_for(timings_.retry_pause);  // a client's backoff before resending
    } catch (const std::exception& error) {
      last_failure = error.what();
      reconnect();
    }
  }
  throw std::runtime_error("no ack for " + client_msg_id + " within " + std::to_string(timings_.give_up.count()) +
                           " ms; last: " + last_failure);
}

void StickyClient::wait_for_seq(std::int64_t seq) {
  const auto deadline = Clock::now() + timings_.give_up;
  while (last_seq_ < seq) {
    throw_if_cancelled();
    if (Clock::now() > deadline)
      throw std::runtime_error("seq " + std::to_string(seq) + " never came to session " + std::to_string(session_id_) +
                               "; last " + std::to_string(last_seq_));
    try {
      record_if_message(ws_->next_frame(timings_.ack_wait));
    } catch (const std::exception&) {
      reconnect();  // closed, or silent for ack_wait: a stuck node is left like a dead one
    }
  }
}

void StickyClient::reconnect() {
  const auto deadline = Clock::now() + timings_.give_up;
  for (;;) {
    throw_if_cancelled();
    try {
      if (ws_) take_received();
      ws_.reset();
      ws_ = open_(last_seq_);
      ++connections_;
      take_received();
      return;
    } catch (const std::exception&) {
      if (Clock::now() > deadline) throw;
      std::this_thread::sleep_for(milliseconds(100));  // a client's backoff between attempts
    }
  }
}

void StickyClient::throw_if_cancelled() const {
  if (cancelled_ && cancelled_->load()) throw std::runtime_error("cancelled");
}

bool StickyClient::record_if_message(const json::object& frame) {
  if (str_at(frame, {"type"}) != "message_created" || int_at(frame, {"data", "session_id"}) != session_id_)
    return false;
  const auto& message = find_path(frame, {"data", "message"})->as_object();
  const auto seq = int_at(message, {"seq"}).value_or(-1);
  seqs_.push_back(seq);
  messages_.push_back(message);
  last_seq_ = std::max(last_seq_, seq);
  return true;
}

void StickyClient::take_received() {
  ws_->drain();
  for (const auto& frame : ws_->take_backlog()) record_if_message(frame);
}

::testing::AssertionResult EachSeqOnceInOrder(const std::vector<std::int64_t>& seqs) {
  for (std::size_t i = 1; i < seqs.size(); ++i)
    if (seqs[i] <= seqs[i - 1])
      return ::testing::AssertionFailure() << "seq " << seqs[i] << " after " << seqs[i - 1] << " (position " << i << ")";
  return ::testing::AssertionSuccess();
}

}  // namespace livedesk::it
