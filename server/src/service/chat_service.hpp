#pragma once
// The chat use cases for the API layer. Every call may come from any thread;
// `done` is called once the outcome is durable (reads: once known), from a
// thread of the implementation's choosing. A call made while shutting down
// (or while no node can decide) answers 503 unavailable.
//
// Two implementations: LocalChatService decides here (ChatEngine on the store
// thread); ForwardingChatService sends each call to the cluster's leader node.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/agent_status.hpp"
#include "domain/metrics_view.hpp"
#include "service/chat_types.hpp"

namespace livedesk::service {

// The chat use cases; see the file comment.
class ChatService {
 public:
  virtual ~ChatService() = default;

  virtual void start_chat(StartChat request, Done<ChatStartedWithToken> done) = 0;
  virtual void send_message(Actor actor, std::int64_t session_id, NewMessage message, Done<MessageAccepted> done) = 0;
  virtual void take(Actor agent, std::int64_t session_id, Done<domain::SessionView> done) = 0;
  virtual void assign(Actor supervisor, std::int64_t session_id, std::int64_t agent_id, bool force,
              Done<domain::SessionView> done) = 0;
  virtual void close(Actor actor, std::int64_t session_id, Done<domain::SessionView> done) = 0;
  virtual void rate(Actor customer, std::int64_t session_id, int rating, std::string comment, Done<domain::SessionView> done) = 0;
  virtual void receipt(Actor reader, std::int64_t session_id, std::int64_t up_to_seq, std::string status,
               Done<std::int64_t> done) = 0;
  virtual void typing(Actor actor, std::int64_t session_id, bool is_typing) = 0;
  virtual void set_status(Actor agent, domain::AgentStatus status, Done<std::string> done) = 0;

  virtual void session(Actor actor, std::int64_t session_id, Done<domain::SessionView> done) = 0;
  virtual void messages_after(Actor actor, std::int64_t session_id, std::int64_t after_seq, int limit,
                      Done<std::vector<domain::MessageView>> done) = 0;
  virtual void waiting(Done<std::vector<domain::SessionView>> done) = 0;
  virtual void sessions_of(Actor agent, Done<std::vector<domain::SessionView>> done) = 0;
  virtual void active(Done<std::vector<domain::SessionView>> done) = 0;
  virtual void metrics(Done<domain::MetricsView> done) = 0;
  virtual void agents(Done<std::vector<domain::AgentView>> done) = 0;

  // Attachments: the type is read from the bytes (libmagic) and must be on
  // the allow-list; files are kept by SHA-256 (hashing and disk on the file worker).
  virtual void upload(Actor actor, std::int64_t session_id, std::string name, std::string bytes, Done<Upload> done) = 0;
  virtual void download(Actor actor, std::int64_t session_id, std::string sha256, Done<Download> done) = 0;

  // Agent tools.
  virtual void request_transfer(Actor agent, std::int64_t session_id, std::optional<std::int64_t> to_agent_id,
                        std::string reason, Done<domain::TransferView> done) = 0;
  virtual void answer_transfer(Actor agent, std::int64_t transfer_id, bool accept, Done<domain::TransferView> done) = 0;
  virtual void transfers(Actor actor, std::int64_t session_id, Done<std::vector<domain::TransferView>> done) = 0;
  virtual void barge_in(Actor supervisor, std::int64_t session_id, Done<domain::SessionView> done) = 0;
  virtual void block(Actor actor, std::optional<std::int64_t> customer_id, std::optional<std::string> email, std::string reason,
             Done<domain::BlockView> done) = 0;
  virtual void unblock(Actor actor, std::string email, Done<domain::BlockView> done) = 0;
  virtual void blocks(Done<std::vector<domain::BlockView>> done) = 0;
  virtual void add_note(Actor actor, std::int64_t session_id, std::string kind, std::string body, Done<domain::NoteView> done) = 0;
  virtual void edit_note(Actor actor, std::int64_t note_id, std::optional<std::string> body, Done<domain::NoteView> done) = 0;
  virtual void notes(Actor actor, std::int64_t session_id, Done<std::vector<domain::NoteView>> done) = 0;
  virtual void save_canned(Actor actor, std::optional<std::int64_t> id, NewCanned canned, Done<domain::CannedView> done) = 0;
  virtual void delete_canned(Actor actor, std::int64_t id, Done<domain::CannedView> done) = 0;
  virtual void search_canned(Actor actor, std::string prefix, Done<std::vector<domain::CannedView>> done) = 0;
  virtual void render_canned(Actor actor, std::int64_t canned_id, std::int64_t session_id, Done<std::string> done) = 0;
  // Runs `follow(true)` when `actor` may watch the session live.
  virtual void watch(Actor actor, std::int64_t session_id, std::function<void(bool allowed)> follow) = 0;

  // Reconnect without loss: `follow` is given the messages after `after_seq`,
  // read after the call was made. The caller subscribes BEFORE calling and
  // holds live frames until `follow` has sent the history (api/resume_gate.hpp),
  // dropping the messages the history already holds: nothing slips between,
  // on whichever node the history is read.
  virtual void resume(Actor actor, std::int64_t session_id, std::int64_t after_seq,
              std::function<void(Outcome<std::vector<domain::MessageView>>)> follow) = 0;

  // The agent's open chats and, for each session in `resume` (id -> last seq
  // seen), the messages after it; subscribe first, as for resume().
  virtual void resume_agent(Actor agent, std::vector<std::pair<std::int64_t, std::int64_t>> resume,
                    Done<AgentResume> follow) = 0;

  virtual void staff_connected(Actor staff) = 0;
  virtual void staff_disconnected(Actor staff) = 0;
  virtual void customer_connected(std::int64_t session_id) = 0;
  virtual void customer_disconnected(std::int64_t session_id) = 0;

  // Checks deadlines (unanswered chats, customers gone, agents gone); call about once a second.
  virtual void tick() = 0;

  // Customer tokens: the customer and session a token opens, or nullopt.
  virtual std::optional<Actor> verify_customer(std::string_view token) const = 0;
};

}  // namespace livedesk::service
