#include "service/chat_views.hpp"

#include <algorithm>

namespace livedesk::service {

domain::MessageView to_view(const store::Message& m) {
  domain::MessageView v;
  v.id = m.id;
  v.session_id = m.session_id;
  v.seq = m.seq;
  v.sender_type = m.sender_type;
  v.sender_user_id = m.sender_user_id;
  v.type = m.type;
  v.body = m.body;
  v.status = m.status;
  v.client_msg_id = m.client_msg_id;
  if (m.attachment) v.attachment = domain::AttachmentView{m.attachment->name, m.attachment->mime, m.attachment->size, m.attachment->url};
  v.created_ms = m.created_ms;
  return v;
}

domain::TransferView to_view(const store::Transfer& t) {
  return {t.id, t.session_id, t.from_agent_id, t.to_agent_id, t.reason, t.status, t.created_ms, t.resolved_ms};
}

domain::BlockView to_view(const store::CustomerBlock& b) {
  return {b.id, b.customer_id, b.email, b.reason, b.blocked_by, b.created_ms, b.lifted_ms};
}

domain::CannedView to_view(const store::CannedResponse& c) {
  return {c.id, c.owner_user_id, c.shortcut, c.title, c.body, c.updated_ms};
}

// contacts
domain::ContactView to_view(const store::Contact& c, const store::ContactStats& stats) {
  domain::ContactView v;
  v.id = c.id;
  v.name = c.name;
  v.email = c.email;
  v.external_id = c.external_id;
  v.identity_verified = c.identity_verified != 0;
  v.attributes = c.attributes;
  v.first_seen_ms = c.created_ms;
  v.last_seen_ms = c.last_seen_ms;
  v.chat_count = stats.chat_count;
  v.rating_count = stats.rating_count;
  v.rating_sum = stats.rating_sum;
  v.merged_into = c.merged_into;
  v.erased = c.erased_ms.has_value();
  return v;
}

domain::ContactNoteView to_view(const store::ContactNote& n) {
  return {n.id, n.contact_id, n.author_user_id, n.author_name, n.body, n.created_ms, n.updated_ms};
}

domain::ContactConversationView to_view(const store::ContactConversation& c) {
  return {c.id, c.status, c.subject, c.created_ms, c.closed_ms, c.agent_id, c.agent_name, c.rating};
}

// conversations as history
domain::ConversationView to_view(const store::ConversationRow& r) {
  domain::ConversationView v;
  v.id = r.id;
  v.status = r.status;
  v.customer_id = r.customer_id;
  v.customer_name = r.customer_name;
  v.customer_email = r.customer_email;
  if (r.agent_id) v.agent = domain::NamedView{*r.agent_id, r.agent_name};
  v.subject = r.subject;
  v.created_ms = r.created_ms;
  v.assigned_ms = r.assigned_ms;
  v.closed_ms = r.closed_ms;
  v.close_reason = r.close_reason;
  if (r.disposition_id) v.disposition = domain::NamedView{*r.disposition_id, r.disposition_name};
  v.rating = r.rating;
  v.message_count = r.message_count;
  v.last_message_ms = r.last_message_ms;
  v.erased = r.erased_ms.has_value();
  return v;
}

domain::TagView to_view(const store::Tag& t) {
  return {t.id, t.name, t.color, t.archived_ms.has_value(), t.created_ms};
}

domain::NoteView to_view(const store::Note& n, std::string author_name) {
  return {n.id, n.session_id, n.author_user_id, std::move(author_name), n.kind, n.body, n.created_ms, n.updated_ms};
}

std::vector<domain::SnippetSegmentView> snippet_segments(std::string_view text) {
  const std::string_view start = store::kHitStart, end = store::kHitEnd;
  std::vector<domain::SnippetSegmentView> out;
  bool hit = false;
  auto piece = [&](std::string_view part) {
    if (part.empty()) return;
    if (!out.empty() && out.back().hit == hit) {
      out.back().text += part;
    } else {
      out.push_back({std::string(part), hit});
    }
  };
  std::size_t at = 0;
  while (at < text.size()) {
    const auto next_start = text.find(start, at), next_end = text.find(end, at);
    const auto next = std::min(next_start, next_end);
    if (next == std::string_view::npos) {
      piece(text.substr(at));
      break;
    }
    piece(text.substr(at, next - at));
    hit = next == next_start;
    at = next + (hit ? start.size() : end.size());
  }
  return out;
}

}  // namespace livedesk::service
