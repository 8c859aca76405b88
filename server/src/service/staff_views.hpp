#pragma once
// Staff and audit store rows to read models, and the audit filter to the store's.
#include "domain/staff_views.hpp"
#include "store/store.hpp"

namespace livedesk::service {

domain::StaffView to_view(const store::StaffUser& user);
domain::AuditEntryView to_view(const store::AuditEntry& entry);

}  // namespace livedesk::service
