#pragma once
// The audit trail: who did what to which object, and when. Reached through
// Store::audit(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/staff_views.hpp"
#include "store/store_error.hpp"

namespace livedesk::store {

// One line of the audit trail.
struct AuditEntry {
  std::int64_t id = 0;  // ignored by append; assigned by the store
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> actor_user_id;  // empty for the system itself
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string detail_json;  // a JSON document; empty is stored (and read back) as "{}"
};
BOOST_DESCRIBE_STRUCT(AuditEntry, (), (id, at_ms, actor_user_id, action, target_type, target_id, detail_json))

// Filters of AuditStore::query: the read model's own (every filter that is set must match).
using AuditQuery = domain::AuditQuery;

// The audit_log table.
class AuditStore {
 public:
  virtual std::int64_t append(const AuditEntry& entry) = 0;  // returns the new id
  // The trail filtered by `query`, newest first (id descending).
  virtual std::vector<AuditEntry> query(const AuditQuery& query) = 0;

  // The unfiltered page: newest first, id < before_id (before_id <= 0 means no
  // bound); limit <= 0 returns nothing. One reader of audit rows: query().
  std::vector<AuditEntry> list(std::int64_t before_id, int limit) {
    return query(AuditQuery{.before_id = before_id, .limit = limit});
  }

 protected:
  ~AuditStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
