#pragma once
// The read models of conversations as history (docs/api.md, "Conversations and search"): a conversation as the
// list shows it (with its tags and, for a search, the snippet of its match), a page of them, and the transcript of
// one: the conversation, its rating and every entry of its timeline in time order. Plain values, copied freely.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/chat_views.hpp"
#include "domain/tag_views.hpp"

namespace livedesk::domain {

// Someone or something named by id: an agent, a disposition.
struct NamedView {
  std::int64_t id = 0;
  std::string name;
};

// One piece of a snippet: text as stored (never markup), `hit` when it is a word the query matched.
struct SnippetSegmentView {
  std::string text;
  bool hit = false;
};

struct ConversationView {
  std::int64_t id = 0;
  std::string status;  // waiting | active | closed
  std::int64_t customer_id = 0;
  std::string customer_name;
  std::string customer_email;  // empty: anonymous
  std::optional<NamedView> agent;
  std::string subject;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> assigned_ms;
  std::optional<std::int64_t> closed_ms;
  std::optional<std::string> close_reason;  // resolved | missed | blocked
  std::optional<NamedView> disposition;
  std::vector<TagView> tags;  // by id
  std::optional<std::int64_t> rating;
  std::int64_t message_count = 0;
  std::optional<std::int64_t> last_message_ms;
  bool erased = false;
  // A search's answer only: where it matched and the text around the match.
  std::optional<std::vector<SnippetSegmentView>> snippet;
  std::optional<std::string> matched_in;  // messages | notes | subject | customer
};

struct ConversationPageView {
  std::vector<ConversationView> conversations;
  std::optional<std::string> next_cursor;
};

// The entries of a transcript's timeline, one type per kind.
struct MessageEntry {
  MessageView message;
};
struct NoteEntry {
  NoteView note;  // note.kind says note or whisper
};
struct TransferEntry {
  TransferView transfer;
};
struct SystemEntry {
  std::string event;  // started | assigned | closed
  std::optional<NamedView> agent;
  std::optional<std::string> close_reason;  // closed only
  std::optional<NamedView> disposition;     // closed only
};
struct TagEntry {
  std::string action = "added";
  TagView tag;
  std::optional<NamedView> by;
};

struct TimelineEntryView {
  std::int64_t at_ms = 0;
  std::variant<MessageEntry, NoteEntry, TransferEntry, SystemEntry, TagEntry> entry;
};

struct RatingView {
  int rating = 0;
  std::string comment;  // empty: none
  std::int64_t created_ms = 0;
};

struct TranscriptView {
  ConversationView conversation;
  std::optional<RatingView> rating;
  std::vector<TimelineEntryView> timeline;  // by time; entries of one instant in the order they happened
};

}  // namespace livedesk::domain
