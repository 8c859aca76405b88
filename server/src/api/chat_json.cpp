#include "api/chat_json.hpp"

#include "domain/iso_time.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
json::value maybe(const std::optional<std::int64_t>& value) { return value ? json::value(*value) : json::value(nullptr); }
}  // namespace

json::value time_json(std::optional<std::int64_t> unix_ms) {
  if (!unix_ms) return nullptr;
  return json::value(domain::format_iso8601(domain::from_unix_ms(*unix_ms)));
}

json::object message_json(const domain::MessageView& m) {
  json::value attachment = nullptr;
  if (m.attachment)
    attachment = json::object{{"name", m.attachment->name}, {"mime", m.attachment->mime},
                              {"size", m.attachment->size}, {"url", m.attachment->url}};
  return {{"id", m.id},
          {"session_id", m.session_id},
          {"seq", m.seq},
          {"sender_type", m.sender_type},
          {"sender_user_id", m.sender_user_id ? json::value(*m.sender_user_id) : nullptr},
          {"type", m.type},
          {"body", m.body},
          {"status", m.status},
          {"client_msg_id", m.client_msg_id ? json::value(*m.client_msg_id) : nullptr},
          {"attachment", std::move(attachment)},
          {"created_at", time_json(m.created_ms)}};
}

json::object session_json(const domain::SessionView& s) {
  json::value agent = nullptr;
  if (s.agent) agent = json::object{{"id", s.agent->id}, {"name", s.agent->name}};
  return {{"id", s.id},
          {"status", s.status},
          {"customer", {{"id", s.customer.id}, {"name", s.customer.name}, {"email", s.customer.email}}},
          {"agent", std::move(agent)},
          {"subject", s.subject},
          {"priority", s.priority},
          {"created_at", time_json(s.created_ms)},
          {"assigned_at", time_json(s.assigned_ms)},
          {"first_response_at", time_json(s.first_response_ms)},
          {"closed_at", time_json(s.closed_ms)},
          {"close_reason", s.close_reason ? json::value(*s.close_reason) : nullptr},
          {"wait_seconds", s.wait_seconds},
          {"unread_count", s.unread_count},
          {"last_message", s.last_message ? json::value(message_json(*s.last_message)) : nullptr},
          {"queue_position", s.queue_position}};
}

namespace {
std::string event_text(std::string_view type, json::object data) {
  json::object frame;
  frame["type"] = type;
  frame["data"] = std::move(data);
  frame["timestamp"] = domain::format_iso8601(std::chrono::system_clock::now());
  return json::serialize(frame);
}
}  // namespace

realtime::Frame event_frame(std::string_view type, json::object data) {
  return realtime::make_frame(event_text(type, std::move(data)));
}

realtime::Frame error_frame(std::string_view code, std::string_view message, json::object extra) {
  extra["code"] = code;
  extra["message"] = message;
  return event_frame("error", std::move(extra));
}

realtime::Frame message_created_frame(const domain::MessageView& message) {
  return realtime::make_frame(
      event_text("message_created", {{"session_id", message.session_id}, {"message", message_json(message)}}),
      realtime::MessagePosition{message.session_id, message.seq});
}

json::object transfer_json(const domain::TransferView& t) {
  return {{"id", t.id}, {"session_id", t.session_id}, {"from_agent_id", t.from_agent_id},
          {"to_agent_id", maybe(t.to_agent_id)}, {"reason", t.reason}, {"status", t.status},
          {"created_at", time_json(t.created_ms)}, {"resolved_at", time_json(t.resolved_ms)}};
}

json::object note_json(const domain::NoteView& n) {
  return {{"id", n.id}, {"session_id", n.session_id}, {"author", {{"id", n.author_user_id}, {"name", n.author_name}}},
          {"kind", n.kind}, {"body", n.body}, {"created_at", time_json(n.created_ms)},
          {"updated_at", time_json(n.updated_ms)}};
}

json::object canned_json(const domain::CannedView& c) {
  return {{"id", c.id}, {"shared", !c.owner_user_id}, {"owner_user_id", maybe(c.owner_user_id)},
          {"shortcut", c.shortcut}, {"title", c.title}, {"body", c.body}, {"updated_at", time_json(c.updated_ms)}};
}

json::object block_json(const domain::BlockView& b) {
  return {{"id", b.id}, {"customer_id", maybe(b.customer_id)}, {"email", b.email}, {"reason", b.reason},
          {"blocked_by", maybe(b.blocked_by)}, {"created_at", time_json(b.created_ms)},
          {"lifted_at", time_json(b.lifted_ms)}};
}

// Tags and dispositions (#14)
json::object tag_json(const domain::TagView& t) {
  return {{"id", t.id}, {"name", t.name}, {"color", t.color}, {"archived", t.archived},
          {"created_at", time_json(t.created_ms)}};
}

json::object disposition_json(const domain::DispositionView& d) {
  return {{"id", d.id}, {"name", d.name}, {"archived", d.archived}, {"created_at", time_json(d.created_ms)}};
}

}  // namespace livedesk::api
