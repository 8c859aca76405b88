#pragma once
// The cursor of a page of conversations (GET /api/v1/conversations, next_cursor): where the next page starts, and
// what the page was asked with, so a cursor given with another query or other filters is recognised and refused.
// On the wire it is opaque: base64url (no padding) of a small JSON object. Newest order keeps the last id shown;
// relevance order keeps the highest session id of the first page (the window is fixed by it) and the last match's
// score (a whole number, store::RankedMatch) and id.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livedesk::service {

// One cursor, decoded.
struct ConversationCursor {
  std::string query;    // the search's SearchQuery::canonical(); empty without one
  std::string filters;  // the filters' fingerprint (ConversationDirectory)
  bool relevance = false;
  std::int64_t last_id = 0;  // the last conversation shown
  std::int64_t score = 0;    // relevance: the last match's score
  std::int64_t max_id = 0;   // relevance: the highest session id when the first page was asked

  std::string encode() const;
  // nullopt for anything encode() did not make.
  static std::optional<ConversationCursor> decode(std::string_view text);
};

// base64url without padding, and back (nullopt for anything else).
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace livedesk::service
