#pragma once
// The read models of contacts (docs/api.md, "Contacts and identity"): a contact with what its conversations add
// up to, its staff notes, its conversations, and a page of contacts. Plain values, copied freely.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace livedesk::domain {

struct ContactView {
  std::int64_t id = 0;
  std::string name;
  std::string email;  // empty: anonymous (no email yet)
  std::optional<std::string> external_id;
  bool identity_verified = false;
  std::string attributes = "{}";  // a JSON object of strings, numbers and booleans, as text
  std::int64_t first_seen_ms = 0;
  std::optional<std::int64_t> last_seen_ms;
  std::int64_t chat_count = 0;
  std::int64_t rating_count = 0;  // the average is rating_sum / rating_count
  std::int64_t rating_sum = 0;
  std::optional<std::int64_t> merged_into;
  bool erased = false;
};

struct ContactNoteView {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::int64_t author_id = 0;
  std::string author_name;
  std::string body;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

struct ContactConversationView {
  std::int64_t id = 0;
  std::string status;
  std::string subject;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> closed_ms;
  std::optional<std::int64_t> agent_id;
  std::string agent_name;
  std::optional<std::int64_t> rating;
};

struct ContactDetailView {
  ContactView contact;
  std::vector<ContactNoteView> notes;                     // newest first
  std::vector<ContactConversationView> conversations;  // newest first, up to 50
};

struct ContactPageView {
  std::vector<ContactView> contacts;
  std::optional<std::string> next_cursor;
};

}  // namespace livedesk::domain
