#pragma once
// What happened in the chat core, published after the change is committed.
// Each event names who must hear of it (session, agent), so the realtime
// layer can route it without asking the store.
// A field added here must be added to bus/event_descriptions.hpp too, or it
// will not cross to other nodes (event_codec_test does not compile until it is).
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/chat_views.hpp"
// Tags and dispositions (#14)
#include "domain/tag_views.hpp"
#include "domain/contact_views.hpp"  // contacts

namespace livedesk::bus {

// A session was created, assigned, requeued, transferred or closed.
struct SessionChanged {
  domain::SessionView session;
  std::string change;  // created | assigned | requeued | transferred | closed | rated | transfer_*
  std::optional<std::int64_t> previous_agent_id;
  std::optional<domain::TransferView> transfer;  // for transfer changes
};

struct QueueDepthChanged {
  std::size_t depth = 0;
  std::size_t previous_depth = 0;
};

// Every waiting session's position and estimate, after the queue moved.
struct QueuePositions {
  struct Entry {
    std::int64_t session_id;
    std::size_t position;
    std::optional<double> estimated_wait_seconds;
  };
  std::vector<Entry> entries;
};

struct MessageCreated {
  domain::MessageView message;
  std::optional<std::int64_t> agent_id;  // the session's agent when it was stored
};

struct TypingChanged {
  std::int64_t session_id = 0;
  std::string sender_type;
  bool is_typing = false;
  std::optional<std::int64_t> agent_id;
};

// The reader has received (`delivered`) or read (`read`) the other side's messages up to a seq.
struct ReceiptAdvanced {
  std::int64_t session_id = 0;
  std::string reader_type;  // customer | agent
  std::int64_t up_to_seq = 0;
  std::string status;       // delivered | read
  std::optional<std::int64_t> agent_id;
};

struct AgentStatusChanged {
  std::int64_t agent_id = 0;
  std::string name;
  std::string status;
  std::string previous_status;
};

// A chat was taken back from an agent who did not answer in time.
struct AssignmentRevoked {
  std::int64_t agent_id = 0;
  std::int64_t session_id = 0;
  std::string reason;  // unanswered
};

// A transfer was asked for, accepted, declined or expired.
struct TransferChanged {
  domain::TransferView transfer;
  std::optional<std::int64_t> session_agent_id;  // who has the chat after this change
};

// A private note or a supervisor's whisper was written, edited or deleted:
// staff on that chat hear of it; customers never do.
struct NoteChanged {
  domain::NoteView note;
  std::string action;  // created | updated | deleted
  std::optional<std::int64_t> agent_id;
};

// A canned response was added, changed or removed (owner: null for shared ones).
struct CannedChanged {
  domain::CannedView canned;
  std::string action;  // created | updated | deleted
};

// A customer was blocked or unblocked; blocking closed `closed_sessions`.
struct BlockChanged {
  domain::BlockView block;
  std::string action;  // blocked | unblocked
  std::vector<std::int64_t> closed_sessions;
};

// #14 privacy: a contact was erased (by an admin, or by retention: `by` empty); `sessions` are the
// conversations erased with it (retention: one conversation, contact_id its contact's, contact kept).
struct ContactErased {
  std::int64_t contact_id = 0;
  std::vector<std::int64_t> sessions;
  std::optional<std::int64_t> by;
  bool contact = true;  // false: retention erased conversations only, the contact row stays
};

// Tags and dispositions (#14): a tag was put on or taken off a conversation, by staff user `by`;
// staff on that chat hear of it, customers never do.
struct ConversationTagChanged {
  std::int64_t session_id = 0;
  domain::TagView tag;
  std::int64_t by = 0;
  std::string action;  // added | removed
  std::optional<std::int64_t> agent_id;
};
// A conversation's disposition was set (at close or later) or cleared (null).
struct DispositionSet {
  std::int64_t session_id = 0;
  std::optional<domain::DispositionView> disposition;
  std::int64_t by = 0;
  std::optional<std::int64_t> agent_id;
};

// Contacts: a contact was changed by staff or the widget (updated), or another contact was merged into it
// (merged; `from_contact_id` is the one merged away).
struct ContactChanged {
  domain::ContactView contact;
  std::string action;  // updated | merged
  std::optional<std::int64_t> from_contact_id;
};

using Event = std::variant<SessionChanged, QueueDepthChanged, QueuePositions, MessageCreated, TypingChanged,
                           ReceiptAdvanced, AgentStatusChanged, AssignmentRevoked, TransferChanged, NoteChanged,
                           CannedChanged, BlockChanged,
                           // Tags and dispositions (#14)
                           ConversationTagChanged, DispositionSet,
                           ContactErased /* #14 privacy */,
                           // contacts
                           ContactChanged>;

}  // namespace livedesk::bus
