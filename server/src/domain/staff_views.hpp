#pragma once
// The read models of staff accounts and the audit log, as clients see them,
// and the audit log's filter as a client asks for it. Plain values, copied
// freely; service/staff_views.hpp makes them from the store's rows.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/role.hpp"

namespace livedesk::domain {

// A staff account (agent, supervisor or admin); never its password hash.
struct StaffView {
  std::int64_t id = 0;
  std::string username;
  std::string name;
  Role role = Role::agent;
  std::string status = "offline";  // active | idle | in_call | offline
  int capacity = 3;
  std::int64_t last_active_ms = 0;  // 0: never active
};

// One line of the audit trail: who did what to which object, and when.
struct AuditEntryView {
  std::int64_t id = 0;
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> actor_user_id;  // empty for the system itself
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string detail_json;  // a JSON document
};

// Which lines of the audit trail to read; every filter that is set must match (AND).
struct AuditQuery {
  std::int64_t before_id = 0;  // only ids below it; <= 0: no bound
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::int64_t> from_ms;  // at_ms >= from_ms
  std::optional<std::int64_t> to_ms;    // at_ms < to_ms
  std::optional<std::string> action;    // exact match
  int limit = 50;                       // <= 0 returns nothing
};

}  // namespace livedesk::domain
