#include "service/chat_views.hpp"

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

}  // namespace livedesk::service
