#pragma once
// The chat use cases, each defined once: a request type whose members are its
// inputs, whose `Result` names what it answers and whose `name` is its name on
// the wire between nodes. `ChatCalls` lists them all; everything that handles
// a call is derived from that list: ChatService::execute takes any of them
// (PendingChatCall), LocalChatService runs each on ChatEngine::handle (one
// overload per call), ForwardingChatService sends each to the leader, whose
// ChatCallDispatcher decodes it by name, and the JSON codec reads and writes
// each through its Boost.Describe description (service/chat_call_codec.hpp).
// A call missing from one of them does not compile.
//
// Adding a use case: a struct here (members, Result, name, description), its
// entry in ChatCalls, its ChatEngine::handle overload, its route, its tests.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "domain/agent_status.hpp"
#include "domain/chat_views.hpp"
#include "domain/contact_views.hpp"
#include "domain/metrics_view.hpp"
#include "domain/privacy_views.hpp"  // #14 privacy
// Tags and dispositions (#14)
#include "domain/tag_views.hpp"
#include "service/chat_types.hpp"

namespace livedesk::service {

namespace calls {

// Sessions and the queue.
struct StartChat {
  static constexpr std::string_view name = "start_chat";
  using Result = ChatStartedWithToken;
  std::string customer_name;
  std::string email;  // as typed; compared lowercased
  std::string subject;
  std::optional<std::string> first_message;
  // Contacts: the widget's random visitor id and the site's identity of the visitor.
  std::optional<std::string> visitor_id;
  std::optional<Identity> identity;
};
struct Take {
  static constexpr std::string_view name = "take";
  using Result = domain::SessionView;
  Actor agent;
  std::int64_t session_id = 0;
};
struct Assign {
  static constexpr std::string_view name = "assign";
  using Result = domain::SessionView;
  Actor supervisor;
  std::int64_t session_id = 0;
  std::int64_t agent_id = 0;
  bool force = false;
};
struct Close {
  static constexpr std::string_view name = "close";
  using Result = domain::SessionView;
  Actor actor;
  std::int64_t session_id = 0;
  // Tags and dispositions (#14): the disposition to close with (required when the setting says so).
  std::optional<std::int64_t> disposition_id;
};
struct Rate {
  static constexpr std::string_view name = "rate";
  using Result = domain::SessionView;
  Actor customer;
  std::int64_t session_id = 0;
  int rating = 0;
  std::string comment;
};
struct GetSession {
  static constexpr std::string_view name = "session";
  using Result = domain::SessionView;
  Actor actor;
  std::int64_t session_id = 0;
};
struct ListWaiting {
  static constexpr std::string_view name = "waiting";
  using Result = std::vector<domain::SessionView>;
};
struct ListActive {
  static constexpr std::string_view name = "active";
  using Result = std::vector<domain::SessionView>;
};
struct SessionsOfAgent {
  static constexpr std::string_view name = "sessions_of";
  using Result = std::vector<domain::SessionView>;
  Actor agent;
};
struct BargeIn {
  static constexpr std::string_view name = "barge_in";
  using Result = domain::SessionView;
  Actor supervisor;
  std::int64_t session_id = 0;
};
// Answers true once `actor` may follow the session live.
struct Watch {
  static constexpr std::string_view name = "watch";
  using Result = bool;
  Actor actor;
  std::int64_t session_id = 0;
};

// Messages.
struct SendMessage {
  static constexpr std::string_view name = "send_message";
  using Result = MessageAccepted;
  Actor actor;
  std::int64_t session_id = 0;
  NewMessage message;
};
struct Receipt {
  static constexpr std::string_view name = "receipt";
  using Result = std::int64_t;
  Actor reader;
  std::int64_t session_id = 0;
  std::int64_t up_to_seq = 0;
  std::string status;
};
struct Typing {
  static constexpr std::string_view name = "typing";
  using Result = bool;
  Actor actor;
  std::int64_t session_id = 0;
  bool is_typing = false;
};
struct MessagesAfter {
  static constexpr std::string_view name = "messages_after";
  using Result = std::vector<domain::MessageView>;
  Actor actor;
  std::int64_t session_id = 0;
  std::int64_t after_seq = 0;
  int limit = 0;
};
// Reconnect without loss: the messages after `after_seq`, read after the call
// was made. The caller subscribes BEFORE calling and holds live frames until it
// has sent this history, dropping the messages the history already holds.
struct Resume {
  static constexpr std::string_view name = "resume";
  using Result = std::vector<domain::MessageView>;
  Actor actor;
  std::int64_t session_id = 0;
  std::int64_t after_seq = 0;
};
// The agent's open chats and, for each session in `resume` (id -> last seq
// seen), the messages after it; subscribe first, as for Resume.
struct ResumeAgent {
  static constexpr std::string_view name = "resume_agent";
  using Result = AgentResume;
  Actor agent;
  std::vector<std::pair<std::int64_t, std::int64_t>> resume;
};

// Uploads: the engine's half (who may, and the row); the bytes are stored by AttachmentService.
struct RecordUpload {
  static constexpr std::string_view name = "record_upload";
  using Result = Upload;
  Actor actor;
  std::int64_t session_id = 0;
  UploadedFile file;
};
struct FindUpload {
  static constexpr std::string_view name = "find_upload";
  using Result = UploadedFile;
  Actor actor;
  std::int64_t session_id = 0;
  std::string sha256;
};

// Agents and the dashboard.
struct SetStatus {
  static constexpr std::string_view name = "set_status";
  using Result = std::string;
  Actor agent;
  domain::AgentStatus status = domain::AgentStatus::offline;
};
struct GetMetrics {
  static constexpr std::string_view name = "metrics";
  using Result = domain::MetricsView;
};
struct ListAgents {
  static constexpr std::string_view name = "agents";
  using Result = std::vector<domain::AgentView>;
};

// Transfers.
struct RequestTransfer {
  static constexpr std::string_view name = "request_transfer";
  using Result = domain::TransferView;
  Actor agent;
  std::int64_t session_id = 0;
  std::optional<std::int64_t> to_agent_id;
  std::string reason;
};
struct AnswerTransfer {
  static constexpr std::string_view name = "answer_transfer";
  using Result = domain::TransferView;
  Actor agent;
  std::int64_t transfer_id = 0;
  bool accept = false;
};
struct ListTransfers {
  static constexpr std::string_view name = "transfers";
  using Result = std::vector<domain::TransferView>;
  Actor actor;
  std::int64_t session_id = 0;
};

// Blocks.
struct BlockCustomer {
  static constexpr std::string_view name = "block";
  using Result = domain::BlockView;
  Actor actor;
  std::optional<std::int64_t> customer_id;
  std::optional<std::string> email;
  std::string reason;
};
struct UnblockCustomer {
  static constexpr std::string_view name = "unblock";
  using Result = domain::BlockView;
  Actor actor;
  std::string email;
};
struct ListBlocks {
  static constexpr std::string_view name = "blocks";
  using Result = std::vector<domain::BlockView>;
};

// Notes.
struct AddNote {
  static constexpr std::string_view name = "add_note";
  using Result = domain::NoteView;
  Actor actor;
  std::int64_t session_id = 0;
  std::string kind;
  std::string body;
};
// No `body` deletes the note.
struct EditNote {
  static constexpr std::string_view name = "edit_note";
  using Result = domain::NoteView;
  Actor actor;
  std::int64_t note_id = 0;
  std::optional<std::string> body;
};
struct ListNotes {
  static constexpr std::string_view name = "notes";
  using Result = std::vector<domain::NoteView>;
  Actor actor;
  std::int64_t session_id = 0;
};

// Canned responses.
struct SaveCanned {
  static constexpr std::string_view name = "save_canned";
  using Result = domain::CannedView;
  Actor actor;
  std::optional<std::int64_t> id;  // empty: a new one
  NewCanned canned;
};
struct DeleteCanned {
  static constexpr std::string_view name = "delete_canned";
  using Result = domain::CannedView;
  Actor actor;
  std::int64_t id = 0;
};
struct SearchCanned {
  static constexpr std::string_view name = "search_canned";
  using Result = std::vector<domain::CannedView>;
  Actor actor;
  std::string prefix;
};
struct RenderCanned {
  static constexpr std::string_view name = "render_canned";
  using Result = std::string;
  Actor actor;
  std::int64_t canned_id = 0;
  std::int64_t session_id = 0;
};

// Tags and dispositions (#14). Tag and disposition config is for admins; tagging a conversation and setting its
// disposition need write access to the chat (any status, closed included).
struct ListTags {
  static constexpr std::string_view name = "tags";
  using Result = std::vector<domain::TagView>;
  bool include_archived = false;
};
// No id creates a tag (name required); an id changes the fields given.
struct SaveTag {
  static constexpr std::string_view name = "save_tag";
  using Result = domain::TagView;
  Actor actor;
  std::optional<std::int64_t> id;
  std::optional<std::string> tag_name;
  std::optional<std::string> color;
  std::optional<bool> archived;
};
// Adds (`add`) or removes a tag on a conversation; answers the conversation's tags after.
struct TagConversation {
  static constexpr std::string_view name = "tag_conversation";
  using Result = std::vector<domain::TagView>;
  Actor actor;
  std::int64_t session_id = 0;
  std::int64_t tag_id = 0;
  bool add = true;
};
struct ListDispositions {
  static constexpr std::string_view name = "dispositions";
  using Result = std::vector<domain::DispositionView>;
  bool include_archived = false;
};
struct SaveDisposition {
  static constexpr std::string_view name = "save_disposition";
  using Result = domain::DispositionView;
  Actor actor;
  std::optional<std::int64_t> id;
  std::optional<std::string> disposition_name;
  std::optional<bool> archived;
};
// Sets (or, with no disposition_id, clears) a conversation's disposition.
struct SetDisposition {
  static constexpr std::string_view name = "set_disposition";
  using Result = domain::SessionDispositionView;
  Actor actor;
  std::int64_t session_id = 0;
  std::optional<std::int64_t> disposition_id;
};
// Reads the conversations settings (no `disposition_required`) or changes them (admins).
struct ConversationSettings {
  static constexpr std::string_view name = "conversation_settings";
  using Result = domain::ConversationSettingsView;
  Actor actor;
  std::optional<bool> disposition_required;
};

// Contacts (chat_engine_contacts.cpp); reads go through service/contact_directory.
// `attributes` is a JSON object as text: keys to set, a null value removes the key.
struct UpdateContact {
  static constexpr std::string_view name = "update_contact";
  using Result = domain::ContactView;
  Actor actor;
  std::int64_t contact_id = 0;
  std::optional<std::string> name_;  // "name" is the call's name
  std::optional<std::string> email;
  std::optional<std::string> attributes;
};
struct AddContactNote {
  static constexpr std::string_view name = "add_contact_note";
  using Result = domain::ContactNoteView;
  Actor actor;
  std::int64_t contact_id = 0;
  std::string body;
};
// No `body` deletes the note.
struct EditContactNote {
  static constexpr std::string_view name = "edit_contact_note";
  using Result = domain::ContactNoteView;
  Actor actor;
  std::int64_t contact_id = 0;
  std::int64_t note_id = 0;
  std::optional<std::string> body;
};
struct MergeContacts {
  static constexpr std::string_view name = "merge_contacts";
  using Result = domain::ContactView;
  Actor actor;
  std::int64_t contact_id = 0;  // the one that stays
  std::int64_t from_contact_id = 0;
};
// The widget before a chat: creates or updates the visitor's contact; answers its id.
struct UpsertVisitor {
  static constexpr std::string_view name = "upsert_visitor";
  using Result = std::int64_t;
  std::string visitor_id;
  std::optional<std::string> name_;
  std::optional<std::string> email;
  std::optional<std::string> attributes;
  std::optional<Identity> identity;
};
// A new widget identity secret; answers it (shown once).
struct RotateIdentitySecret {
  static constexpr std::string_view name = "rotate_identity_secret";
  using Result = std::string;
  Actor actor;
};

BOOST_DESCRIBE_STRUCT(StartChat, (), (customer_name, email, subject, first_message, visitor_id, identity))
BOOST_DESCRIBE_STRUCT(Take, (), (agent, session_id))
BOOST_DESCRIBE_STRUCT(Assign, (), (supervisor, session_id, agent_id, force))
BOOST_DESCRIBE_STRUCT(Close, (), (actor, session_id, disposition_id))
BOOST_DESCRIBE_STRUCT(Rate, (), (customer, session_id, rating, comment))
BOOST_DESCRIBE_STRUCT(GetSession, (), (actor, session_id))
BOOST_DESCRIBE_STRUCT(ListWaiting, (), ())
BOOST_DESCRIBE_STRUCT(ListActive, (), ())
BOOST_DESCRIBE_STRUCT(SessionsOfAgent, (), (agent))
BOOST_DESCRIBE_STRUCT(BargeIn, (), (supervisor, session_id))
BOOST_DESCRIBE_STRUCT(Watch, (), (actor, session_id))
BOOST_DESCRIBE_STRUCT(SendMessage, (), (actor, session_id, message))
BOOST_DESCRIBE_STRUCT(Receipt, (), (reader, session_id, up_to_seq, status))
BOOST_DESCRIBE_STRUCT(Typing, (), (actor, session_id, is_typing))
BOOST_DESCRIBE_STRUCT(MessagesAfter, (), (actor, session_id, after_seq, limit))
BOOST_DESCRIBE_STRUCT(Resume, (), (actor, session_id, after_seq))
BOOST_DESCRIBE_STRUCT(ResumeAgent, (), (agent, resume))
BOOST_DESCRIBE_STRUCT(RecordUpload, (), (actor, session_id, file))
BOOST_DESCRIBE_STRUCT(FindUpload, (), (actor, session_id, sha256))
BOOST_DESCRIBE_STRUCT(SetStatus, (), (agent, status))
BOOST_DESCRIBE_STRUCT(GetMetrics, (), ())
BOOST_DESCRIBE_STRUCT(ListAgents, (), ())
BOOST_DESCRIBE_STRUCT(RequestTransfer, (), (agent, session_id, to_agent_id, reason))
BOOST_DESCRIBE_STRUCT(AnswerTransfer, (), (agent, transfer_id, accept))
BOOST_DESCRIBE_STRUCT(ListTransfers, (), (actor, session_id))
BOOST_DESCRIBE_STRUCT(BlockCustomer, (), (actor, customer_id, email, reason))
BOOST_DESCRIBE_STRUCT(UnblockCustomer, (), (actor, email))
BOOST_DESCRIBE_STRUCT(ListBlocks, (), ())
BOOST_DESCRIBE_STRUCT(AddNote, (), (actor, session_id, kind, body))
BOOST_DESCRIBE_STRUCT(EditNote, (), (actor, note_id, body))
BOOST_DESCRIBE_STRUCT(ListNotes, (), (actor, session_id))
BOOST_DESCRIBE_STRUCT(SaveCanned, (), (actor, id, canned))
BOOST_DESCRIBE_STRUCT(DeleteCanned, (), (actor, id))
BOOST_DESCRIBE_STRUCT(SearchCanned, (), (actor, prefix))
BOOST_DESCRIBE_STRUCT(RenderCanned, (), (actor, canned_id, session_id))
// contacts
BOOST_DESCRIBE_STRUCT(UpdateContact, (), (actor, contact_id, name_, email, attributes))
BOOST_DESCRIBE_STRUCT(AddContactNote, (), (actor, contact_id, body))
BOOST_DESCRIBE_STRUCT(EditContactNote, (), (actor, contact_id, note_id, body))
BOOST_DESCRIBE_STRUCT(MergeContacts, (), (actor, contact_id, from_contact_id))
BOOST_DESCRIBE_STRUCT(UpsertVisitor, (), (visitor_id, name_, email, attributes, identity))
BOOST_DESCRIBE_STRUCT(RotateIdentitySecret, (), (actor))

// Tags and dispositions (#14)
BOOST_DESCRIBE_STRUCT(ListTags, (), (include_archived))
BOOST_DESCRIBE_STRUCT(SaveTag, (), (actor, id, tag_name, color, archived))
BOOST_DESCRIBE_STRUCT(TagConversation, (), (actor, session_id, tag_id, add))
BOOST_DESCRIBE_STRUCT(ListDispositions, (), (include_archived))
BOOST_DESCRIBE_STRUCT(SaveDisposition, (), (actor, id, disposition_name, archived))
BOOST_DESCRIBE_STRUCT(SetDisposition, (), (actor, session_id, disposition_id))
BOOST_DESCRIBE_STRUCT(ConversationSettings, (), (actor, disposition_required))
// #14 privacy (chat_engine_privacy.cpp)
// Erases a contact and every conversation of it (docs/api.md, "Privacy"); admins only. 404 unknown contact,
// 409 `session_open` while it has an open chat.
struct EraseContact {
  static constexpr std::string_view name = "erase_contact";
  using Result = ErasureCounts;
  Actor admin;
  std::int64_t contact_id = 0;
};
// Retention: erases up to `limit` closed conversations closed before `cutoff_ms`, as the system.
struct EraseExpired {
  static constexpr std::string_view name = "erase_expired";
  using Result = ErasureCounts;
  std::int64_t cutoff_ms = 0;
  int limit = 50;
};
// Audits an export of the contact (contact.exported); supervisors and admins. The export itself is read on the
// store's readers (service/contact_exporter), and handed out only once this has committed. 404 unknown contact.
struct RecordContactExport {
  static constexpr std::string_view name = "record_contact_export";
  using Result = bool;
  Actor actor;
  std::int64_t contact_id = 0;
  std::int64_t conversations = 0;  // how many the export holds, for the audit entry
};
// Reads the retention setting (no `retention_days`) or changes it (0..36500; 0 keeps forever); admins only.
// While nothing is stored the answer is the leader's --retention-days.
struct RetentionSettings {
  static constexpr std::string_view name = "retention_settings";
  using Result = domain::RetentionSettingsView;
  Actor actor;
  std::optional<int> retention_days;
};
BOOST_DESCRIBE_STRUCT(EraseContact, (), (admin, contact_id))
BOOST_DESCRIBE_STRUCT(EraseExpired, (), (cutoff_ms, limit))
BOOST_DESCRIBE_STRUCT(RecordContactExport, (), (actor, contact_id, conversations))
BOOST_DESCRIBE_STRUCT(RetentionSettings, (), (actor, retention_days))

}  // namespace calls

// A call on its way, with whom to answer: `done` gets the outcome exactly once.
template <class Call>
struct PendingCall {
  Call request;
  Done<typename Call::Result> done;
};

// A list of call types, and what is derived from it.
template <class... Calls>
struct CallList {
  using Pending = std::variant<PendingCall<Calls>...>;
  // Calls `visit(std::type_identity<Call>{})` for each call type, in order.
  template <class Visit>
  static void for_each(Visit&& visit) {
    (visit(std::type_identity<Calls>{}), ...);
  }
};

// Every chat use case; see the file comment.
using ChatCalls =
    CallList<calls::StartChat, calls::Take, calls::Assign, calls::Close, calls::Rate, calls::GetSession,
             calls::ListWaiting, calls::ListActive, calls::SessionsOfAgent, calls::BargeIn, calls::Watch,
             calls::SendMessage, calls::Receipt, calls::Typing, calls::MessagesAfter, calls::Resume, calls::ResumeAgent,
             calls::RecordUpload, calls::FindUpload, calls::SetStatus, calls::GetMetrics, calls::ListAgents,
             calls::RequestTransfer, calls::AnswerTransfer, calls::ListTransfers, calls::BlockCustomer,
             calls::UnblockCustomer, calls::ListBlocks, calls::AddNote, calls::EditNote, calls::ListNotes,
             calls::SaveCanned, calls::DeleteCanned, calls::SearchCanned, calls::RenderCanned,
             // Tags and dispositions (#14)
             calls::ListTags, calls::SaveTag, calls::TagConversation, calls::ListDispositions,
             calls::SaveDisposition, calls::SetDisposition, calls::ConversationSettings,
             calls::EraseContact, calls::EraseExpired, calls::RecordContactExport,
             calls::RetentionSettings /* #14 privacy */,
             // contacts
             calls::UpdateContact, calls::AddContactNote, calls::EditContactNote, calls::MergeContacts,
             calls::UpsertVisitor, calls::RotateIdentitySecret>;
using PendingChatCall = ChatCalls::Pending;

}  // namespace livedesk::service
