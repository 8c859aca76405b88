#include "service/staff_views.hpp"

namespace livedesk::service {

domain::StaffView to_view(const store::StaffUser& user) {
  return {user.id, user.username, user.name, user.role, user.status, user.capacity, user.last_active_ms};
}

domain::AuditEntryView to_view(const store::AuditEntry& entry) {
  return {entry.id,          entry.at_ms,     entry.actor_user_id, entry.action,
          entry.target_type, entry.target_id, entry.detail_json};
}

store::AuditQuery to_store_query(const domain::AuditQuery& query) {
  return {query.before_id, query.actor_user_id, query.from_ms, query.to_ms, query.action, query.limit};
}

}  // namespace livedesk::service
