#pragma once
// The chat core's state machine: open sessions, the waiting queue, agents'
// loads and presence, message sequencing. It lives on the store executor's
// thread and is called only from jobs running there, so every decision
// (who gets a chat, which seq a message gets) is made by one thread in one
// order: races between agents resolve to exactly one winner without locks.
// Each call writes through the Store inside the executor's batch transaction
// and defers its answer and its events to CommitHooks::after_commit, so
// nothing is acknowledged or broadcast before it is durable.
#include <boost/uuid/random_generator.hpp>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "auth/token_service.hpp"
#include "bus/event_bus.hpp"
#include "domain/agent_status.hpp"
#include "domain/calendar.hpp"
#include "domain/clock.hpp"
#include "domain/floor_stats.hpp"
#include "domain/metrics_view.hpp"
#include "domain/unread_seqs.hpp"
#include "domain/wait_estimate.hpp"
#include "domain/waiting_queue.hpp"
#include "service/chat_calls.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"
#include "support/metrics/server_metrics.hpp"

namespace livedesk::service {

// The message type a file of this MIME type is sent as: image, audio, video or file.
std::string attachment_type(const std::string& mime);
// Where a session's attachment is served.
std::string upload_url(std::int64_t session_id, const std::string& sha256);

class ChatEngine {
 public:
  ChatEngine(const domain::Clock& clock, const domain::Calendar& calendar, bus::EventBus& bus,
             const auth::TokenService& tokens, ChatSettings settings);

  // Rebuilds the in-memory state from the store at start-up.
  void load(store::Store& store);
  // Where committed messages are counted and the queue's gauges set (optional; before load(); must outlive this).
  void report_to(support::ServerMetrics* metrics) { metrics_ = metrics; }

  // One handler per use case (service/chat_calls.hpp). Each writes through the
  // store inside the executor's batch and answers `done` once: at once for a
  // refusal or a read, from an after_commit hook for a write.
  // Sessions and the queue (chat_engine.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::StartChat& call, Done<ChatStartedWithToken> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::Take& call, Done<domain::SessionView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::Assign& call, Done<domain::SessionView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::Close& call, Done<domain::SessionView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::Rate& call, Done<domain::SessionView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::GetSession& call, Done<domain::SessionView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ListWaiting& call,
              Done<std::vector<domain::SessionView>> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ListActive& call,
              Done<std::vector<domain::SessionView>> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::SessionsOfAgent& call,
              Done<std::vector<domain::SessionView>> done);
  // Supervision (chat_engine_supervision.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::BargeIn& call, Done<domain::SessionView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::Watch& call, Done<bool> done);
  // Messages (chat_engine_messages.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::SendMessage& call, Done<MessageAccepted> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::Receipt& call, Done<std::int64_t> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::Typing& call, Done<bool> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::MessagesAfter& call,
              Done<std::vector<domain::MessageView>> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::Resume& call,
              Done<std::vector<domain::MessageView>> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ResumeAgent& call, Done<AgentResume> done);
  // Uploads (chat_engine_uploads.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::RecordUpload& call, Done<Upload> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::FindUpload& call, Done<UploadedFile> done);
  // Agents and the dashboard (chat_engine_presence.cpp, chat_engine_metrics.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::SetStatus& call, Done<std::string> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::GetMetrics& call, Done<domain::MetricsView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ListAgents& call,
              Done<std::vector<domain::AgentView>> done);
  // Transfers (chat_engine_transfers.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::RequestTransfer& call,
              Done<domain::TransferView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::AnswerTransfer& call,
              Done<domain::TransferView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ListTransfers& call,
              Done<std::vector<domain::TransferView>> done);
  // Blocks (chat_engine_blocks.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::BlockCustomer& call, Done<domain::BlockView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::UnblockCustomer& call, Done<domain::BlockView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ListBlocks& call,
              Done<std::vector<domain::BlockView>> done);
  // Notes (chat_engine_notes.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::AddNote& call, Done<domain::NoteView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::EditNote& call, Done<domain::NoteView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ListNotes& call,
              Done<std::vector<domain::NoteView>> done);
  // Canned responses (chat_engine_canned.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::SaveCanned& call, Done<domain::CannedView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::DeleteCanned& call, Done<domain::CannedView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::SearchCanned& call,
              Done<std::vector<domain::CannedView>> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::RenderCanned& call, Done<std::string> done);
  // #14 privacy (chat_engine_privacy.cpp)
  void handle(store::Store& s, store::CommitHooks& h, const calls::EraseContact& call, Done<ErasureCounts> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::EraseExpired& call, Done<ErasureCounts> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::RecordContactExport& call, Done<bool> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::RetentionSettings& call,
              Done<domain::RetentionSettingsView> done);
  // Contacts (chat_engine_contacts.cpp).
  void handle(store::Store& s, store::CommitHooks& h, const calls::UpdateContact& call, Done<domain::ContactView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::AddContactNote& call,
              Done<domain::ContactNoteView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::EditContactNote& call,
              Done<domain::ContactNoteView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::MergeContacts& call, Done<domain::ContactView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::UpsertVisitor& call, Done<std::int64_t> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::RotateIdentitySecret& call,
              Done<std::string> done);

  // Tags (chat_engine_tags.cpp) and dispositions (chat_engine_dispositions.cpp) (#14).
  void handle(store::Store& s, store::CommitHooks& h, const calls::ListTags& call,
              Done<std::vector<domain::TagView>> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::SaveTag& call, Done<domain::TagView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::TagConversation& call,
              Done<std::vector<domain::TagView>> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ListDispositions& call,
              Done<std::vector<domain::DispositionView>> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::SaveDisposition& call,
              Done<domain::DispositionView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::SetDisposition& call,
              Done<domain::SessionDispositionView> done);
  void handle(store::Store& s, store::CommitHooks& h, const calls::ConversationSettings& call,
              Done<domain::ConversationSettingsView> done);

  // Connection events (not use cases: they come from sockets, not from requests).
  void staff_connected(store::Store& s, store::CommitHooks& h, const Actor& staff);
  void staff_disconnected(const Actor& staff);
  void customer_connected(std::int64_t session_id);
  void customer_disconnected(std::int64_t session_id);

  // Deadlines: unanswered assignments, customers gone from the queue, agents gone.
  void tick(store::Store& s, store::CommitHooks& h);

 private:
  struct OpenSession {
    store::ChatSession row;
    store::Contact customer;
    std::optional<domain::MessageView> last_message;
    domain::UnreadSeqs unread_customer_seqs;         // customer messages the agent has not read
    int customer_connections = 0;
    std::optional<domain::TimePoint> customer_left_at;
    bool agent_answered = false;
    std::set<std::int64_t> skip_agents;                // agents who let this chat time out
    bool ever_assigned = false;                        // wait time counts the first assignment only
    std::optional<std::int64_t> awaiting_reply_since;  // the customer's oldest unanswered message
    std::set<std::int64_t> barged;                     // supervisors who joined the conversation
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

  // Reads the handlers share. `session` answers from memory for open sessions, the store otherwise.
  Outcome<domain::SessionView> session(store::Store& s, const Actor& actor, std::int64_t session_id);
  Outcome<std::vector<domain::MessageView>> messages_after(store::Store& s, const Actor& actor, std::int64_t session_id,
                                                           std::int64_t after_seq, int limit);
  std::vector<domain::SessionView> sessions_of_agent(std::int64_t agent_id) const;
  // The access model (docs/api.md, "Access model"). Reading: a customer its own chat, staff every chat.
  bool may_read(const Actor& actor, std::int64_t session_id) const;
  // Writing to a chat: why `actor` may not, or nullopt when it may. 404 when the chat does not exist (or is
  // another customer's), 403 `not_your_chat` for an agent who is not on it (assigned, or joined by barge-in;
  // for a closed chat, the agent it ended with); supervisors and admins may act on every chat.
  std::optional<ChatError> write_refusal(store::Store& s, const Actor& actor, std::int64_t session_id);
  // What a call that needs an open chat answers when `session_id` is not open: 409 `session_closed` when the
  // chat exists (closed), 404 when it does not.
  ChatError closed_or_missing(store::Store& s, std::int64_t session_id);
  // Any staff member may watch any open chat (watching is a read).
  bool may_watch(const Actor& actor, std::int64_t session_id) const;
  std::string status_of(std::int64_t agent_id) const;
  std::optional<std::int64_t> agent_of(std::int64_t session_id) const;

  domain::SessionView view(const OpenSession& session) const;
  domain::SessionView view(store::Store& s, const store::ChatSession& row) const;
  std::int64_t now_ms() const;
  // A committed change: appended to the event log in the job's transaction, published after the commit.
  void emit(store::Store& s, store::CommitHooks& h, bus::Event event);
  // A passing state (typing, queue positions) that is published but not logged.
  void emit_live(store::CommitHooks& h, bus::Event event);
  // A committed message counts in the metrics (on the store thread, after its commit).
  void count_committed(const bus::Event& event);
  void emit_queue_change(store::CommitHooks& h, std::size_t previous_depth);
  // The queue's depth and oldest chat, to the metrics.
  void report_queue();
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
  // #14 privacy: erases one conversation into `counts` (its blobs not yet checked for other users).
  void erase_conversation(store::Store& s, std::int64_t session_id, ErasureCounts& counts);
  void receipt_stats(store::Store& s, std::int64_t session_id, const std::string& sender_type, std::int64_t up_to_seq,
                     const std::string& status);
  void set_agent_status(store::Store& s, store::CommitHooks& h, Agent& agent, domain::AgentStatus status);
  void refresh_load_status(store::Store& s, store::CommitHooks& h, Agent& agent);
  Agent* find_agent(std::int64_t id);
  Agent& agent_entry(store::Store& s, std::int64_t id);
  OpenSession* find_open(std::int64_t session_id);
  // Tags and dispositions (#14). Why `actor` may not tag this conversation or set its disposition, or nullopt:
  // 404 for no such chat (or a customer), 403 not_your_chat for an agent not on it (the assigned agent, a
  // supervisor who joined, or for a closed chat the agent it ended with); supervisors and admins may.
  std::optional<ChatError> conversation_write_refusal(store::Store& s, const Actor& actor, std::int64_t session_id);
  // What closing with `disposition_id` is refused for (400 disposition_required / bad_disposition), or nullopt.
  std::optional<ChatError> close_disposition_refusal(store::Store& s, const Actor& actor,
                                                     const std::optional<std::int64_t>& disposition_id);
  // Sets the disposition of a conversation and logs conversation.disposition_set.
  void record_disposition(store::Store& s, store::CommitHooks& h, const Actor& actor, std::int64_t session_id,
                          std::optional<std::int64_t> disposition_id, std::optional<std::int64_t> agent_id);
  // Contacts (chat_engine_contacts.cpp): the contact a chat or a visitor belongs to, from its email, visitor id
  // and identity (a forged identity is refused 403 identity_invalid before anything is written); a visitor's
  // anonymous contact is merged into it. `name` empty: keep the contact's name.
  Outcome<store::Contact> resolve_contact(store::Store& s, store::CommitHooks& h, const std::string& name,
                                          const std::string& email_lowercase,
                                          const std::optional<std::string>& visitor_id,
                                          const std::optional<Identity>& identity);
  // Moves `from` into `into` (conversations, notes, blocks; fills missing fields; attributes: `into` wins),
  // updates the open sessions' copies, audits and emits contact.merged. Returns the merged contact.
  store::Contact merge_contacts(store::Store& s, store::CommitHooks& h, const Actor* actor, store::Contact into,
                                const store::Contact& from);
  domain::ContactView contact_view(store::Store& s, const store::Contact& contact);

  const domain::Clock& clock_;
  const domain::Calendar& calendar_;
  bus::EventBus& bus_;
  const auth::TokenService& tokens_;
  ChatSettings settings_;
  std::unordered_map<std::int64_t, OpenSession> open_;
  std::map<std::int64_t, Agent> agents_;
  domain::WaitingQueue queue_;
  domain::WaitEstimator estimator_;
  domain::FloorStats stats_;
  // Seeded once from the system; event ids need to be unique, not secret.
  boost::uuids::random_generator_mt19937 event_ids_;
  std::map<std::int64_t, store::Transfer> pending_transfers_;  // by transfer id
  support::ServerMetrics* metrics_ = nullptr;
};

}  // namespace livedesk::service
