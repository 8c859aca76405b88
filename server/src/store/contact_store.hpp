#pragma once
// Contacts (the customers table): people who chat, known by email, by the embedding site's user id
// (external_id) or only by the widget's visitor id, with staff notes about them (contact_notes). Reached through
// Store::contacts(); same thread and error contract as Store: a unique column taken by another row (email,
// external_id, visitor_id) is a DuplicateError. No method opens a transaction of its own beyond the Store's rules,
// so merge() is atomic inside the caller's job.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A customer. `email` is empty for an anonymous contact (NULL in the table; the service lowercases it before it
// gets here); `attributes` is a JSON object as text.
struct Contact {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::string name;
  std::string email;
  std::int64_t created_ms = 0;
  std::optional<std::string> external_id;
  int identity_verified = 0;  // 1: external_id was signed by the site (HMAC)
  std::optional<std::string> visitor_id;
  std::string attributes = "{}";
  std::optional<std::int64_t> last_seen_ms;
  std::int64_t updated_ms = 0;
  std::optional<std::int64_t> merged_into;
  std::optional<std::int64_t> erased_ms;
};
BOOST_DESCRIBE_STRUCT(Contact, (),
                      (id, name, email, created_ms, external_id, identity_verified, visitor_id, attributes,
                       last_seen_ms, updated_ms, merged_into, erased_ms))

// What a contact's conversations add up to (counted over chat_sessions and csat_ratings).
struct ContactStats {
  std::int64_t chat_count = 0;
  std::int64_t rating_count = 0;
  std::int64_t rating_sum = 0;
};
BOOST_DESCRIBE_STRUCT(ContactStats, (), (chat_count, rating_count, rating_sum))

// A contact's id with its stats, as stats_of() reads them.
struct ContactStatsRow {
  std::int64_t customer_id = 0;
  std::int64_t chat_count = 0;
  std::int64_t rating_count = 0;
  std::int64_t rating_sum = 0;
};
BOOST_DESCRIBE_STRUCT(ContactStatsRow, (), (customer_id, chat_count, rating_count, rating_sum))

// The range [low, high) of the texts that start with `text` lowered (ASCII, as SQL's lower() in both backends),
// compared byte by byte: what a contact search by prefix reads from the name and email indexes. U+10FFFF, the
// highest code point (a noncharacter), bounds it.
inline std::pair<std::string, std::string> prefix_range(std::string_view text) {
  std::string low;
  for (char c : text) low += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  return {low, low + "\xF4\x8F\xBF\xBF"};
}

// `rows` (any order, none for a contact without conversations) as the stats of each of `ids` in order.
inline std::vector<ContactStats> stats_in_order(const std::vector<ContactStatsRow>& rows,
                                                const std::vector<std::int64_t>& ids) {
  std::vector<ContactStats> out(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (const auto& row : rows)
      if (row.customer_id == ids[i]) out[i] = {row.chat_count, row.rating_count, row.rating_sum};
  return out;
}

// One of a contact's conversations, as the contact's page lists it.
struct ContactConversation {
  std::int64_t id = 0;
  std::string status;
  std::string subject;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> closed_ms;
  std::optional<std::int64_t> agent_id;
  std::string agent_name;  // "" without an agent
  std::optional<std::int64_t> rating;
};
BOOST_DESCRIBE_STRUCT(ContactConversation, (),
                      (id, status, subject, created_ms, closed_ms, agent_id, agent_name, rating))

// A staff note about a contact; deleting sets deleted_ms (the row stays for the audit trail).
struct ContactNote {
  std::int64_t id = 0;  // ignored by insert_note
  std::int64_t contact_id = 0;
  std::int64_t author_user_id = 0;
  std::string author_name;  // read only (staff_users.name)
  std::string body;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::optional<std::int64_t> deleted_ms;
};
BOOST_DESCRIBE_STRUCT(ContactNote, (),
                      (id, contact_id, author_user_id, author_name, body, created_ms, updated_ms, deleted_ms))

// Where a page of contacts ends: the next page starts after this (last seen, id).
struct ContactCursor {
  std::int64_t seen_ms = 0;
  std::int64_t id = 0;
};

// The customers and contact_notes tables.
class ContactStore {
 public:
  // An email already known keeps its row (id, created_ms) and takes the new name; both are seen at now_ms.
  virtual Contact upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) = 0;
  // A contact without an email yet (a visitor, an identity); returns its id. DuplicateError on a taken unique.
  virtual std::int64_t insert(const Contact& contact) = 0;
  // Writes every column but id and created_ms from `contact`; StoreError if there is no such row,
  // DuplicateError when its email, external_id or visitor_id belongs to another row.
  virtual void update(const Contact& contact) = 0;
  // Sets last_seen_ms (never backwards).
  virtual void touch(std::int64_t id, std::int64_t seen_ms) = 0;
  virtual std::optional<Contact> find(std::int64_t id) = 0;
  virtual std::optional<Contact> find_by_email(std::string_view email_lowercase) = 0;  // exact match
  virtual std::optional<Contact> find_by_external_id(std::string_view external_id) = 0;
  virtual std::optional<Contact> find_by_visitor_id(std::string_view visitor_id) = 0;
  // Contacts not merged away, newest sighting (last seen, else first seen) first, then by id descending,
  // after `after`; `query` (non-empty) matches a prefix of the name or email, case-insensitive (ASCII), or the
  // exact external id.
  virtual std::vector<Contact> list(std::string_view query, std::optional<ContactCursor> after, int limit) = 0;
  virtual ContactStats stats(std::int64_t id) = 0;
  // The stats of each of `ids` in one read (a page of contacts), in the order of `ids`.
  virtual std::vector<ContactStats> stats_of(const std::vector<std::int64_t>& ids) = 0;
  // Newest first.
  virtual std::vector<ContactConversation> conversations(std::int64_t id, int limit) = 0;
  // Moves `from`'s conversations, contact notes and blocks to `into`, and marks `from` merged into it with its
  // unique columns (email, external_id, visitor_id) cleared, so `into` may take them in a following update().
  virtual void merge(std::int64_t into, std::int64_t from, std::int64_t now_ms) = 0;
  // The contacts merged straight into `into` (merged_into = into), by id; not those merged into them.
  virtual std::vector<std::int64_t> merged_from(std::int64_t into) = 0;

  virtual std::int64_t insert_note(const ContactNote& note) = 0;  // returns the new id
  // Writes body, updated_ms and deleted_ms of the note with note.id; StoreError if there is none.
  virtual void update_note(const ContactNote& note) = 0;
  virtual std::optional<ContactNote> find_note(std::int64_t id) = 0;  // deleted ones too
  // Not deleted, newest first.
  virtual std::vector<ContactNote> notes_of(std::int64_t contact_id) = 0;

 protected:
  ~ContactStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
