#pragma once
// Conversations as history: the filtered list of chat sessions, newest first, and the full-text search over
// them (docs/api.md, "Conversations and search"). Reached through Store::conversations(); same thread and error
// contract as Store. Reads only, except the search projection's own table (conversation_search), which index()
// and clear_index() write and nothing else does.
//
// The search index holds one row per conversation: the customer's name and email, the subject, every message
// body and every note and whisper body. An erased conversation (chat_sessions.erased_ms) has no row. Search
// methods take a parsed domain::SearchQuery and render it for their backend, so no user text reaches SQL.
// "Newest" is by session id, which grows with creation time: a keyset below an id never skips or repeats a row
// while new conversations arrive (they get higher ids).
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/search_query.hpp"
#include "store/store_error.hpp"
#include "store/tag_store.hpp"

namespace livedesk::store {

// What a list or a search keeps; every field left empty lets everything through.
struct ConversationFilter {
  std::vector<std::string> statuses;  // waiting | active | closed: any of them
  std::optional<std::int64_t> agent_id;
  std::optional<std::int64_t> customer_id;
  std::vector<std::int64_t> tag_ids;  // carries at least one of them
  std::optional<std::int64_t> disposition_id;
  std::optional<std::string> close_reason;      // resolved | missed | blocked
  std::vector<int> ratings;                     // rated one of these (1..5)
  std::optional<std::int64_t> created_from_ms;  // created_ms >= this
  std::optional<std::int64_t> created_to_ms;    // created_ms < this
};

// One conversation as the list shows it (chat_sessions with its customer, agent, disposition and rating).
struct ConversationRow {
  std::int64_t id = 0;
  std::string status;
  std::int64_t customer_id = 0;
  std::string customer_name;
  std::string customer_email;  // "" for an anonymous contact
  std::optional<std::int64_t> agent_id;
  std::string agent_name;  // "" without an agent
  std::string subject;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> assigned_ms;
  std::optional<std::int64_t> closed_ms;
  std::optional<std::string> close_reason;
  std::optional<std::int64_t> disposition_id;
  std::string disposition_name;  // "" without one
  std::optional<std::int64_t> rating;
  std::int64_t message_count = 0;
  std::optional<std::int64_t> last_message_ms;
  std::optional<std::int64_t> erased_ms;
};
BOOST_DESCRIBE_STRUCT(ConversationRow, (),
                      (id, status, customer_id, customer_name, customer_email, agent_id, agent_name, subject,
                       created_ms, assigned_ms, closed_ms, close_reason, disposition_id, disposition_name, rating,
                       message_count, last_message_ms, erased_ms))

// A match with its relevance in millionths (whole numbers, so a page boundary compares exactly); higher is more
// relevant. The two backends' scales differ.
struct RankedMatch {
  std::int64_t id = 0;
  std::int64_t score = 0;
};

// Where a match was found and the piece of text around it. `text` marks each matched word with
// kHitStart ... kHitEnd (private-use characters; index() leaves them out of what it stores, so every one
// in a snippet is a marker).
struct SearchSnippet {
  std::int64_t id = 0;
  std::string matched_in;  // messages | notes | subject | customer
  std::string text;
};

inline constexpr const char* kHitStart = "\xEE\x80\x80";  // U+E000
inline constexpr const char* kHitEnd = "\xEE\x80\x81";    // U+E001

// The chat_sessions history and the conversation_search projection.
class ConversationStore {
 public:
  // Conversations passing `filter` with id < `before_id` (all without it), newest first, at most `limit`.
  virtual std::vector<ConversationRow> list(const ConversationFilter& filter, std::optional<std::int64_t> before_id,
                                            int limit) = 0;
  virtual std::optional<ConversationRow> find(std::int64_t id) = 0;
  // The rows of `ids` (missing ones left out), in the order of `ids`.
  virtual std::vector<ConversationRow> find_many(const std::vector<std::int64_t>& ids) = 0;
  // The tags of each of `ids` (archived ones too): (session id, tag) pairs by session, then tag id.
  virtual std::vector<std::pair<std::int64_t, Tag>> tags_of(const std::vector<std::int64_t>& ids) = 0;

  // Ids of conversations matching `query` and passing `filter`, id < `before_id`, newest first, at most `limit`.
  virtual std::vector<std::int64_t> search_newest(const domain::SearchQuery& query, const ConversationFilter& filter,
                                                  std::optional<std::int64_t> before_id, int limit) = 0;
  // The newest `window` matches with id <= `max_id` (that pass `filter`), ordered by score descending then id
  // descending, those after `after` (a previous page's last match), at most `limit`.
  virtual std::vector<RankedMatch> search_ranked(const domain::SearchQuery& query, const ConversationFilter& filter,
                                                 std::int64_t max_id, std::optional<RankedMatch> after, int window,
                                                 int limit) = 0;
  // A snippet of each of `ids` that matches `query` (ids that do not match are left out), any order. The
  // snippet comes from the first column with a hit in the order messages, notes, subject, customer.
  virtual std::vector<SearchSnippet> snippets(const domain::SearchQuery& query,
                                              const std::vector<std::int64_t>& ids) = 0;

  // Writes the search row of `session_id` afresh from the raw tables (messages, notes and whispers not
  // deleted, subject, customer); removes it when the conversation is erased or does not exist.
  virtual void index(std::int64_t session_id) = 0;
  // Removes every search row (a rebuild starts with this).
  virtual void clear_index() = 0;
  // Session ids > `after_id` by id, at most `limit` (a rebuild walks them in batches).
  virtual std::vector<std::int64_t> ids_after(std::int64_t after_id, int limit) = 0;
  // Ids of the sessions of contact `customer_id` (its name or email is in their search rows).
  virtual std::vector<std::int64_t> ids_of_customer(std::int64_t customer_id) = 0;

  // The search queue (table search_dirty): conversations to index again. mark_dirty keeps an entry's first
  // `since_ms`; due() gives those waiting since `since_or_before_ms` or earlier and those closed, erased or gone
  // (whatever their wait), oldest first, at most `limit`; clear_dirty removes entries.
  virtual void mark_dirty(const std::vector<std::int64_t>& session_ids, std::int64_t since_ms) = 0;
  virtual std::vector<std::int64_t> due(std::int64_t since_or_before_ms, int limit) = 0;
  virtual void clear_dirty(const std::vector<std::int64_t>& session_ids) = 0;

 protected:
  ~ConversationStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
