#include "api/privacy_json.hpp"

#include "api/chat_json.hpp"
#include "api/contact_json.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {

template <class T, class ToJson>
json::array array_of(const std::vector<T>& items, ToJson to_json) {
  json::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

json::value maybe_text(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object conversation_json(const domain::ExportedConversationView& c) {
  json::value agent = nullptr;
  if (c.agent) agent = json::object{{"id", c.agent->id}, {"name", c.agent->name}};
  json::value rating = nullptr;
  if (c.rating)
    rating = json::object{
        {"rating", c.rating->rating}, {"comment", c.rating->comment}, {"created_at", time_json(c.rating->created_ms)}};
  return {{"id", c.id},
          {"status", c.status},
          {"subject", c.subject},
          {"priority", c.priority},
          {"created_at", time_json(c.created_ms)},
          {"assigned_at", time_json(c.assigned_ms)},
          {"first_response_at", time_json(c.first_response_ms)},
          {"closed_at", time_json(c.closed_ms)},
          {"close_reason", maybe_text(c.close_reason)},
          {"agent", std::move(agent)},
          {"erased", c.erased_ms.has_value()},
          {"erased_at", time_json(c.erased_ms)},
          {"tags", array_of(c.tags, tag_json)},
          {"disposition", c.disposition ? json::value(disposition_json(*c.disposition)) : json::value(nullptr)},
          {"rating", std::move(rating)},
          {"messages", array_of(c.messages, message_json)},
          {"attachments", array_of(c.files,
                                   [](const domain::ExportedFileView& f) {
                                     return json::object{{"sha256", f.sha256},
                                                         {"name", f.name},
                                                         {"mime", f.mime},
                                                         {"size", f.size},
                                                         {"created_at", time_json(f.created_ms)},
                                                         {"url", f.url}};
                                   })},
          {"notes", array_of(c.notes, note_json)},
          {"transfers", array_of(c.transfers, transfer_json)}};
}

}  // namespace

json::object contact_export_json(const domain::ContactExportView& e) {
  json::array merged;
  for (auto id : e.merged_contact_ids) merged.push_back(id);
  return {
      {"exported_at", time_json(e.exported_ms)},       {"contact", contact_json(e.contact)},
      {"notes", array_of(e.notes, contact_note_json)}, {"conversations", array_of(e.conversations, conversation_json)},
      {"blocks", array_of(e.blocks, block_json)},      {"merged_contact_ids", std::move(merged)}};
}

}  // namespace livedesk::api
