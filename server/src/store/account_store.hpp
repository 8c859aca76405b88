#pragma once
// Staff accounts (agents, supervisors, admins) and their presence. Reached
// through Store::accounts(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/role.hpp"
#include "store/store_error.hpp"

namespace livedesk::store {

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
BOOST_DESCRIBE_STRUCT(StaffUser, (),
                      (id, username, name, role, password_hash, status, capacity, last_active_ms, created_ms,
                       disabled_ms))

// What it takes to create a staff account; status and capacity start at their defaults.
struct NewStaffUser {
  std::string username;
  std::string name;
  domain::Role role;
  std::string password_hash;
  std::int64_t created_ms;
};

// The staff_users table.
class AccountStore {
 public:
  virtual std::int64_t create(const NewStaffUser& user) = 0;  // DuplicateError if the username is taken
  virtual std::optional<StaffUser> find(std::int64_t id) = 0;
  virtual std::optional<StaffUser> find_by_username(std::string_view username) = 0;  // exact match
  virtual std::vector<StaffUser> list() = 0;                                        // ordered by id
  // Presence (status: active | idle | in_call | offline); StoreError if no such user.
  virtual void update_presence(std::int64_t user_id, std::string_view status, std::int64_t last_active_ms) = 0;

 protected:
  ~AccountStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
