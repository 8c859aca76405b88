#pragma once
// Erasure of what a contact said and sent ("right to be forgotten", docs/api.md "Privacy"), and the
// conversations retention erases. Reached through Store::privacy(); same thread and error contract as Store.
// An erased conversation keeps its row, its messages' rows (seq, sender, type, status, times), its rating
// and its notes' rows, so the reports' counts, times and ratings stay; what anyone wrote is cleared, the
// attachment rows and the search row are deleted. The caller deletes the blobs named in the answer that
// no other attachment row still uses (blob_in_use), once the erasure has committed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// What one conversation's erasure cleared.
struct ErasedConversation {
  std::int64_t messages = 0;     // messages whose body and attachment fields were cleared
  std::int64_t attachments = 0;  // attachment rows deleted
  std::vector<std::string> blobs;  // the sha256 of every deleted attachment row
};

class PrivacyStore {
 public:
  // Clears message bodies and attachment fields, note and whisper bodies, the subject and the rating's
  // comment; deletes the attachment rows and the search row (table conversation_search); sets erased_ms.
  // Erasing an erased conversation again clears nothing new and answers the same counts.
  virtual ErasedConversation erase_conversation(std::int64_t session_id, std::int64_t erased_ms) = 0;
  // The contact row: name "Erased contact", email, external id, visitor id and attributes cleared, erased_ms
  // set; its contact notes deleted. Its conversations are erased one by one with erase_conversation.
  virtual void erase_contact(std::int64_t contact_id, std::int64_t erased_ms) = 0;
  // The contact's conversations (any status), oldest first.
  virtual std::vector<std::int64_t> conversations_of(std::int64_t contact_id) = 0;
  // Whether any attachment row still names these bytes (uploads are kept once per content).
  virtual bool blob_in_use(std::string_view sha256) = 0;
  // Closed, not yet erased conversations closed before `cutoff_ms`, oldest first, at most `limit`.
  virtual std::vector<std::int64_t> closed_before(std::int64_t cutoff_ms, int limit) = 0;
  // When the conversation was erased (by a contact's erasure or by retention); nullopt: not erased, or no
  // such conversation.
  virtual std::optional<std::int64_t> erased_ms(std::int64_t session_id) = 0;

 protected:
  ~PrivacyStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
