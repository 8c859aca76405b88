#include "service/staff_views.hpp"

namespace livedesk::service {

domain::StaffView to_view(const store::StaffUser& user) {
  return {user.id, user.username, user.name, user.role, user.status, user.capacity, user.last_active_ms};
}

domain::AuditEntryView to_view(const store::AuditEntry& entry) {
  return {entry.id,          entry.at_ms,     entry.actor_user_id, entry.action,
          entry.target_type, entry.target_id, entry.detail_json};
}

}  // namespace livedesk::service
