#pragma once
// Conversations as history (GET /api/v1/conversations, /conversations/{id}; docs/api.md, "Conversations and
// search"), read on the store executor's readers (never an io thread, never the chat engine's thread): the
// filtered list newest first, the full-text search newest first or by relevance with a snippet per hit, and the
// transcript of one conversation. Each read calls `done` once, there, with the answer or a ChatError (400
// bad_cursor / invalid_query, 404 not_found, 503 when the store fails); it returns false (done is not called) when
// the store is shutting down. Dates are days of the reporting calendar, given at construction.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/conversation_views.hpp"
#include "domain/search_query.hpp"
#include "service/chat_types.hpp"

namespace livedesk::store {
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

// What a list asks for; every filter left empty lets everything through. The values are checked by the caller
// (the REST route); the directory checks how they combine.
struct ConversationQuery {
  std::vector<std::string> statuses;  // waiting | active | closed: any of them
  std::optional<std::int64_t> agent_id;
  std::optional<std::int64_t> customer_id;
  std::vector<std::int64_t> tag_ids;  // carries any of them
  std::optional<std::int64_t> disposition_id;
  std::optional<std::string> close_reason;  // resolved | missed | blocked
  std::vector<int> ratings;                 // 1..5, any of them
  std::optional<domain::CivilDate> from;    // created on or after this day (reporting time zone)
  std::optional<domain::CivilDate> to;      // created on or before this day
  std::optional<domain::SearchQuery> search;
  bool relevance = false;             // by relevance (needs a search) rather than newest first
  int limit = 25;                     // 1..kMaxLimit
  std::optional<std::string> cursor;  // a previous page's next_cursor, for the same query and filters
};

class ConversationDirectory {
 public:
  static constexpr int kMaxLimit = 100;
  static constexpr int kRelevanceWindow = 1000;  // relevance ranks the newest this many matches

  ConversationDirectory(store::StoreExecutor& store, const domain::Calendar& calendar)
      : store_(store), calendar_(calendar) {}

  bool list(ConversationQuery query, std::function<void(Outcome<domain::ConversationPageView>)> done);
  bool transcript(std::int64_t id, std::function<void(Outcome<domain::TranscriptView>)> done);

 private:
  store::StoreExecutor& store_;
  const domain::Calendar& calendar_;
};

}  // namespace livedesk::service
