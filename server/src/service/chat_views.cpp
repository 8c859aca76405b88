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

}  // namespace livedesk::service
