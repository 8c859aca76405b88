#pragma once
// Staff account use cases for the REST API: create (admin), list (supervisor),
// read the audit log (admin). Callbacks run on the store executor's thread
// (creation hashes the password on the crypto worker first). Accounts and audit
// lines come out as read models (domain/staff_views.hpp), never store rows.
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/staff_views.hpp"
#include "service/audit_trail.hpp"
#include "service/principal.hpp"
#include "service/staff_directory.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::service {

struct AccountCreated {
  domain::StaffView user;
};
struct AccountRejected {
  enum class Reason { invalid, taken, unavailable } reason;
  std::string message;
};
using CreateAccountOutcome = std::variant<AccountCreated, AccountRejected>;

// What find() learned: the account, that there is none (any more), or nothing (the store failed).
struct AccountFound {
  domain::StaffView user;
};
struct AccountMissing {};
struct AccountLookupFailed {};
using FindAccountOutcome = std::variant<AccountFound, AccountMissing, AccountLookupFailed>;

// Staff accounts and the audit log, as the admin screens use them.
class AccountService {
 public:
  AccountService(store::StoreExecutor& store, support::WorkerThread& crypto, const domain::Clock& clock,
                 AuditTrail& audit)
      : store_(store), crypto_(crypto), clock_(clock), audit_(audit) {}

  void create(const Principal& actor, NewAccount account, std::function<void(CreateAccountOutcome)> done);
  // `done` gets nullopt when the store fails. Returns false when the store is
  // shutting down (done is not called).
  bool list(std::function<void(std::optional<std::vector<domain::StaffView>>)> done);
  bool audit_page(domain::AuditQuery query,
                  std::function<void(std::optional<std::vector<domain::AuditEntryView>>)> done);
  // The account of `user_id` (the caller's own, for /auth/me). Returns false
  // when the store is shutting down (done is not called).
  bool find(std::int64_t user_id, std::function<void(FindAccountOutcome)> done);

 private:
  store::StoreExecutor& store_;
  support::WorkerThread& crypto_;
  const domain::Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace livedesk::service
