#pragma once
// The chat core's state machine: open sessions, the waiting queue, agents'
// loads and presence, message sequencing. It lives on the store executor's
// thread and is called only from jobs running there, so every decision
// (who gets a chat, which seq a message gets) is made by one thread in one
// order: races between agents resolve to exactly one winner without locks.
// Each call writes through the Store inside the executor's batch transaction
// and defers its answer and its events to CommitHooks::after_commit, so
// nothing is acknowledged or broadcast before it is durable.
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "bus/event_bus.hpp"
#include "domain/agent_status.hpp"
#include "domain/calendar.hpp"
#include "domain/clock.hpp"
#include "domain/floor_stats.hpp"
#include "domain/metrics_view.hpp"
#include "domain/wait_estimate.hpp"
#include "domain/waiting_queue.hpp"
#include "service/chat_types.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {

// The message type a file of this MIME type is sent as: image, audio, video or file.
std::string attachment_type(const std::string& mime);
// Where a session's attachment is served.
std::string upload_url(std::int64_t session_id, const std::string& sha256);

class ChatEngine {
 public:
  ChatEngine(const domain::Clock& clock, const domain::Calendar& calendar, bus::EventBus& bus, ChatSettings settings);

  // Rebuilds the in-memory state from the store at start-up.
  void load(store::Store& store);

  void start_chat(store::Store& s, store::CommitHooks& h, const StartChat& request, Done<ChatStarted> done);
  void send_message(store::Store& s, store::CommitHooks& h, const Actor& actor, std::int64_t session_id,
                    const NewMessage& message, Done<MessageAccepted> done);
  void take(store::Store& s, store::CommitHooks& h, const Actor& agent, std::int64_t session_id,
            Done<domain::SessionView> done);
  void assign(store::Store& s, store::CommitHooks& h, const Actor& supervisor, std::int64_t session_id,
              std::int64_t agent_id, bool force, Done<domain::SessionView> done);
  void close(store::Store& s, store::CommitHooks& h, const Actor& actor, std::int64_t session_id,
             Done<domain::SessionView> done);
  void rate(store::Store& s, store::CommitHooks& h, const Actor& customer, std::int64_t session_id, int rating,
            const std::string& comment, Done<domain::SessionView> done);
  void receipt(store::Store& s, store::CommitHooks& h, const Actor& reader, std::int64_t session_id,
               std::int64_t up_to_seq, const std::string& status, Done<std::int64_t> done);
  void typing(store::CommitHooks& h, const Actor& actor, std::int64_t session_id, bool is_typing);

  // Reads. `session` answers from memory for open sessions, the store otherwise.
  Outcome<domain::SessionView> session(store::Store& s, const Actor& actor, std::int64_t session_id);
  Outcome<std::vector<domain::MessageView>> messages_after(store::Store& s, const Actor& actor,
                                                           std::int64_t session_id, std::int64_t after_seq, int limit);
  std::vector<domain::SessionView> waiting_sessions() const;
  std::vector<domain::SessionView> active_sessions() const;
  std::vector<domain::SessionView> sessions_of_agent(std::int64_t agent_id) const;
  // Sessions `actor` may follow live (a customer: its own; an agent: its chats; supervisors: all open).
  bool may_access(const Actor& actor, std::int64_t session_id) const;
  std::optional<std::int64_t> agent_of(std::int64_t session_id) const;
  // The dashboard: metrics and agent performance, from running aggregates and live state.
  domain::MetricsView metrics();
  std::vector<domain::AgentView> agent_views();
  std::string status_of(std::int64_t agent_id) const;

  // Agent tools (chat_engine_tools.cpp, chat_engine_notes.cpp).
  void request_transfer(store::Store& s, store::CommitHooks& h, const Actor& agent, std::int64_t session_id,
                        std::optional<std::int64_t> to_agent_id, const std::string& reason,
                        Done<domain::TransferView> done);
  void answer_transfer(store::Store& s, store::CommitHooks& h, const Actor& agent, std::int64_t transfer_id,
                       bool accept, Done<domain::TransferView> done);
  Outcome<std::vector<domain::TransferView>> transfers(store::Store& s, const Actor& actor, std::int64_t session_id);
  void barge_in(store::Store& s, store::CommitHooks& h, const Actor& supervisor, std::int64_t session_id,
                Done<domain::SessionView> done);
  void block(store::Store& s, store::CommitHooks& h, const Actor& actor, std::optional<std::int64_t> customer_id,
             std::optional<std::string> email, const std::string& reason, Done<domain::BlockView> done);
  void unblock(store::Store& s, store::CommitHooks& h, const Actor& actor, const std::string& email,
               Done<domain::BlockView> done);
  std::vector<domain::BlockView> blocks(store::Store& s);
  void add_note(store::Store& s, store::CommitHooks& h, const Actor& actor, std::int64_t session_id,
                const std::string& kind, const std::string& body, Done<domain::NoteView> done);
  void edit_note(store::Store& s, store::CommitHooks& h, const Actor& actor, std::int64_t note_id,
                 std::optional<std::string> body, Done<domain::NoteView> done);  // nullopt body: delete
  Outcome<std::vector<domain::NoteView>> notes(store::Store& s, const Actor& actor, std::int64_t session_id);
  void save_canned(store::Store& s, store::CommitHooks& h, const Actor& actor, std::optional<std::int64_t> id,
                   const NewCanned& canned, Done<domain::CannedView> done);
  void delete_canned(store::Store& s, store::CommitHooks& h, const Actor& actor, std::int64_t id,
                     Done<domain::CannedView> done);
  std::vector<domain::CannedView> search_canned(store::Store& s, const Actor& actor, const std::string& prefix);
  Outcome<std::string> render_canned(store::Store& s, const Actor& actor, std::int64_t canned_id,
                                     std::int64_t session_id);
  // Attachments: who may upload to / download from a session, and the row.
  Outcome<Upload> record_upload(store::Store& s, const Actor& actor, std::int64_t session_id,
                                const store::UploadedFile& file);
  Outcome<store::UploadedFile> find_upload(store::Store& s, const Actor& actor, std::int64_t session_id,
                                           const std::string& sha256);
  // Supervisors may watch any open chat; agents only their own.
  bool may_watch(const Actor& actor, std::int64_t session_id) const;

  // Presence and status of staff.
  void staff_connected(store::Store& s, store::CommitHooks& h, const Actor& staff);
  void staff_disconnected(const Actor& staff);
  void set_status(store::Store& s, store::CommitHooks& h, const Actor& agent, domain::AgentStatus status,
                  Done<std::string> done);
  void customer_connected(std::int64_t session_id);
  void customer_disconnected(std::int64_t session_id);

  // Deadlines: unanswered assignments, customers gone from the queue, agents gone.
  void tick(store::Store& s, store::CommitHooks& h);

 private:
  struct OpenSession {
    store::ChatSession row;
    store::Customer customer;
    std::optional<domain::MessageView> last_message;
    std::vector<std::int64_t> unread_customer_seqs;  // customer messages the agent has not read
    int customer_connections = 0;
    std::optional<domain::TimePoint> customer_left_at;
    bool agent_answered = false;
    std::set<std::int64_t> skip_agents;  // agents who let this chat time out
    bool ever_assigned = false;          // wait time counts the first assignment only
    std::optional<std::int64_t> awaiting_reply_since;  // the customer's oldest unanswered message
    std::set<std::int64_t> barged;       // supervisors who joined the conversation
  };
  struct Agent {
    std::int64_t id = 0;
    std::string name;
    domain::Role role = domain::Role::agent;
    domain::AgentStatus status = domain::AgentStatus::offline;
    int capacity = 3;
    std::set<std::int64_t> chats;
    domain::TimePoint idle_since{};
    int connections = 0;
    std::optional<domain::TimePoint> last_disconnect;
    bool busy_by_choice = false;  // in_call set by the agent, not by load
    std::int64_t last_active_ms = 0;
  };

  domain::SessionView view(const OpenSession& session) const;
  domain::SessionView view(store::Store& s, const store::ChatSession& row) const;
  std::int64_t now_ms() const;
  void emit(store::CommitHooks& h, bus::Event event);
  void emit_queue_change(store::CommitHooks& h, std::size_t previous_depth);
  // Assigns waiting chats while an agent can take one.
  void route(store::Store& s, store::CommitHooks& h);
  void assign_to(store::Store& s, store::CommitHooks& h, OpenSession& session, Agent& agent, const std::string& change);
  void requeue(store::Store& s, store::CommitHooks& h, OpenSession& session, const std::string& reason);
  void finish(store::Store& s, store::CommitHooks& h, OpenSession& session, const std::string& reason);
  void add_system_message(store::Store& s, store::CommitHooks& h, OpenSession& session, const std::string& text);
  domain::MessageView store_message(store::Store& s, OpenSession& session, store::Message message);
  void seed_stats(store::Store& s);
  void audit(store::Store& s, const Actor& actor, const std::string& action, const std::string& target_type,
             std::int64_t target_id, const std::string& detail_json = "{}");
  void expire_transfers(store::Store& s, store::CommitHooks& h);
  void close_transfer(store::Store& s, store::CommitHooks& h, store::Transfer& transfer, const std::string& status);
  domain::NoteView note_view(const store::Note& note);
  void receipt_stats(store::Store& s, std::int64_t session_id, const std::string& sender_type, std::int64_t up_to_seq,
                     const std::string& status);
  void set_agent_status(store::Store& s, store::CommitHooks& h, Agent& agent, domain::AgentStatus status);
  void refresh_load_status(store::Store& s, store::CommitHooks& h, Agent& agent);
  Agent* find_agent(std::int64_t id);
  Agent& agent_entry(store::Store& s, std::int64_t id);
  OpenSession* find_open(std::int64_t session_id);

  const domain::Clock& clock_;
  const domain::Calendar& calendar_;
  bus::EventBus& bus_;
  ChatSettings settings_;
  std::unordered_map<std::int64_t, OpenSession> open_;
  std::map<std::int64_t, Agent> agents_;
  domain::WaitingQueue queue_;
  domain::WaitEstimator estimator_;
  domain::FloorStats stats_;
  std::map<std::int64_t, store::Transfer> pending_transfers_;  // by transfer id
};

}  // namespace livedesk::service
