// The audit trail of what staff did through the engine.
#include "service/chat_engine.hpp"

namespace livedesk::service {

void ChatEngine::audit(store::Store& s, const Actor& actor, const std::string& action, const std::string& target_type,
                       std::int64_t target_id, const std::string& detail_json) {
  store::AuditEntry entry;
  entry.at_ms = now_ms();
  if (!actor.is_customer()) entry.actor_user_id = actor.id;
  entry.action = action;
  entry.target_type = target_type;
  entry.target_id = std::to_string(target_id);
  entry.detail_json = detail_json;
  s.audit().append(entry);
}

}  // namespace livedesk::service
