#pragma once
// The persistence boundary: everything above store/ talks to this interface and
// never learns whether SQLite or PostgreSQL sits behind it.
//
// Contract: a Store is used by exactly one thread at a time, the store executor
// thread (see store/store_executor.hpp). Implementations do no locking of their
// own. Times are unix milliseconds (domain/iso_time.hpp converts them).
// Failures throw StoreError; a violated uniqueness rule throws DuplicateError,
// so callers can answer 409 without parsing messages.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/role.hpp"

namespace livedesk::store {

// Any failure of the underlying database (I/O, constraint, corrupt data, bad schema).
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A unique constraint was violated (username taken, duplicate rating, ...).
struct DuplicateError : StoreError {
  using StoreError::StoreError;
};

// A staff account (agent, supervisor or admin) as stored.
struct StaffUser {
  std::int64_t id = 0;
  std::string username;
  std::string name;
  domain::Role role = domain::Role::agent;
  std::string password_hash;
  std::string status = "offline";  // active | idle | in_call | offline
  int capacity = 3;                // concurrent chats before the agent counts as in_call
  std::int64_t last_active_ms = 0;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> disabled_ms;  // set when the account was switched off; rows stay for history
};

// What it takes to create a staff account; status and capacity start at their defaults.
struct NewStaffUser {
  std::string username;
  std::string name;
  domain::Role role;
  std::string password_hash;
  std::int64_t created_ms;
};

// One line of the audit trail: who did what to which object, and when.
struct AuditEntry {
  std::int64_t id = 0;  // ignored by append_audit; assigned by the store
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> actor_user_id;  // empty for the system itself
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string detail_json;  // a JSON document; empty is stored (and read back) as "{}"
};

// The persistence interface; one implementation per database.
class Store {
 public:
  virtual ~Store() = default;

  virtual int schema_version() = 0;  // highest applied migration
  virtual bool ping() = 0;           // runs SELECT 1; false on error

  virtual std::int64_t create_user(const NewStaffUser&) = 0;  // throws DuplicateError if username taken
  virtual std::optional<StaffUser> find_user_by_username(std::string_view username) = 0;  // exact match
  virtual std::optional<StaffUser> find_user(std::int64_t id) = 0;
  virtual std::vector<StaffUser> list_users() = 0;  // ordered by id

  virtual std::int64_t append_audit(const AuditEntry&) = 0;
  // Newest first, id < before_id (before_id <= 0 means no bound); limit <= 0 returns nothing.
  virtual std::vector<AuditEntry> list_audit(std::int64_t before_id, int limit) = 0;

  // Runs `work` atomically: everything it writes commits together, or nothing
  // does if it throws (the exception propagates). Calls nest: an inner call is
  // a savepoint, so a failing inner unit (one job of a group commit) rolls back
  // alone while the outer transaction goes on.
  virtual void run_in_transaction(const std::function<void(Store&)>& work) = 0;
};

}  // namespace livedesk::store
