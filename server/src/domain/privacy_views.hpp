#pragma once
// The read models of privacy (docs/api.md, "Privacy"): a contact's export, everything livedesk holds about one
// contact as staff may read it (after an erasure, what the erasure left), and the retention setting. Plain
// values, copied freely.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/chat_views.hpp"
#include "domain/contact_views.hpp"
#include "domain/tag_views.hpp"

namespace livedesk::domain {

// A file uploaded to a conversation (sent in a message or not), where it is served.
struct ExportedFileView {
  std::string sha256;
  std::string name;
  std::string mime;
  std::int64_t size = 0;
  std::int64_t created_ms = 0;
  std::string url;
};

struct ExportedRatingView {
  int rating = 0;
  std::string comment;
  std::int64_t created_ms = 0;
};

// One conversation of the contact with all it holds; an erased one keeps its rows, not what anyone wrote.
struct ExportedConversationView {
  std::int64_t id = 0;
  std::string status;
  std::string subject;
  int priority = 0;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> assigned_ms;
  std::optional<std::int64_t> first_response_ms;
  std::optional<std::int64_t> closed_ms;
  std::optional<std::string> close_reason;
  std::optional<PartyView> agent;
  std::optional<std::int64_t> erased_ms;
  std::vector<TagView> tags;
  std::optional<DispositionView> disposition;
  std::optional<ExportedRatingView> rating;
  std::vector<MessageView> messages;    // by seq
  std::vector<ExportedFileView> files;  // oldest first
  std::vector<NoteView> notes;          // notes and whispers, not deleted, oldest first
  std::vector<TransferView> transfers;  // oldest first
};

struct ContactExportView {
  ContactView contact;
  std::vector<ContactNoteView> notes;                   // newest first
  std::vector<ExportedConversationView> conversations;  // oldest first, every one
  std::vector<BlockView> blocks;                        // newest first, lifted ones too
  std::vector<std::int64_t> merged_contact_ids;         // every contact merged into this one (also through another)
  std::int64_t exported_ms = 0;
};

// The retention setting (GET/PUT /api/v1/admin/settings/retention): 0 keeps conversations forever.
struct RetentionSettingsView {
  int retention_days = 0;
};

}  // namespace livedesk::domain
