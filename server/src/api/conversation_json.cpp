#include "api/conversation_json.hpp"

#include "api/chat_json.hpp"

namespace livedesk::api {
namespace json = boost::json;
namespace {

json::value named_json(const std::optional<domain::NamedView>& named) {
  if (!named) return nullptr;
  return json::object{{"id", named->id}, {"name", named->name}};
}

json::value optional_json(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::value snippet_json(const std::optional<std::vector<domain::SnippetSegmentView>>& snippet) {
  if (!snippet) return nullptr;
  json::array out;
  for (const auto& s : *snippet) out.push_back(json::object{{"text", s.text}, {"hit", s.hit}});
  return out;
}

// One overload per kind of entry; each adds its fields to {kind, at}.
void add_entry(json::object& o, const domain::MessageEntry& e) {
  o["kind"] = "message";
  o["message"] = message_json(e.message);
}
void add_entry(json::object& o, const domain::NoteEntry& e) {
  o["kind"] = e.note.kind;  // note | whisper
  o["note"] = note_json(e.note);
}
void add_entry(json::object& o, const domain::TransferEntry& e) {
  o["kind"] = "transfer";
  o["transfer"] = transfer_json(e.transfer);
}
void add_entry(json::object& o, const domain::SystemEntry& e) {
  o["kind"] = "system";
  o["event"] = e.event;
  o["agent"] = named_json(e.agent);
  if (e.event == "closed") {
    o["close_reason"] = optional_json(e.close_reason);
    o["disposition"] = named_json(e.disposition);
  }
}
void add_entry(json::object& o, const domain::TagEntry& e) {
  o["kind"] = "tag";
  o["action"] = e.action;
  o["tag"] = tag_json(e.tag);
  o["by"] = named_json(e.by);
}

}  // namespace

json::object conversation_json(const domain::ConversationView& c) {
  json::array tags;
  for (const auto& t : c.tags) tags.push_back(tag_json(t));
  return {{"id", c.id},
          {"status", c.status},
          {"customer",
           {{"id", c.customer_id},
            {"name", c.customer_name},
            {"email", c.customer_email.empty() ? json::value(nullptr) : json::value(c.customer_email)}}},
          {"agent", named_json(c.agent)},
          {"subject", c.subject},
          {"created_at", time_json(c.created_ms)},
          {"assigned_at", time_json(c.assigned_ms)},
          {"closed_at", time_json(c.closed_ms)},
          {"close_reason", optional_json(c.close_reason)},
          {"disposition", named_json(c.disposition)},
          {"tags", std::move(tags)},
          {"rating", c.rating ? json::value(*c.rating) : json::value(nullptr)},
          {"message_count", c.message_count},
          {"last_message_at", time_json(c.last_message_ms)},
          {"erased", c.erased},
          {"snippet", snippet_json(c.snippet)},
          {"matched_in", optional_json(c.matched_in)}};
}

json::object conversation_page_json(const domain::ConversationPageView& page) {
  json::array list;
  for (const auto& c : page.conversations) list.push_back(conversation_json(c));
  return {{"conversations", std::move(list)}, {"next_cursor", optional_json(page.next_cursor)}};
}

json::object timeline_entry_json(const domain::TimelineEntryView& entry) {
  json::object o{{"kind", nullptr}, {"at", time_json(entry.at_ms)}};
  std::visit([&o](const auto& e) { add_entry(o, e); }, entry.entry);
  return o;
}

json::object transcript_json(const domain::TranscriptView& t) {
  json::array timeline;
  for (const auto& entry : t.timeline) timeline.push_back(timeline_entry_json(entry));
  json::value rating = nullptr;
  if (t.rating)
    rating =
        json::object{{"rating", t.rating->rating},
                     {"comment", t.rating->comment.empty() ? json::value(nullptr) : json::value(t.rating->comment)},
                     {"created_at", time_json(t.rating->created_ms)}};
  return {{"conversation", conversation_json(t.conversation)},
          {"rating", std::move(rating)},
          {"timeline", std::move(timeline)}};
}

}  // namespace livedesk::api
