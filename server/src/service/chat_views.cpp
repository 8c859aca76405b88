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

}  // namespace livedesk::service
