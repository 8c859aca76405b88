#pragma once
// Staff account use cases for the REST API: create (admin), list (supervisor),
// read the audit log (admin). Callbacks run on the store executor's thread
// (creation hashes the password on the crypto worker first).
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "service/audit_trail.hpp"
#include "service/principal.hpp"
#include "service/staff_directory.hpp"
#include "store/store_executor.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::service {

struct AccountCreated {
  store::StaffUser user;
};
struct AccountRejected {
  enum class Reason { invalid, taken, unavailable } reason;
  std::string message;
};
using CreateAccountOutcome = std::variant<AccountCreated, AccountRejected>;

// Staff accounts and the audit log, as the admin screens use them.
class AccountService {
 public:
  AccountService(store::StoreExecutor& store, support::WorkerThread& crypto, const domain::Clock& clock,
                 AuditTrail& audit)
      : store_(store), crypto_(crypto), clock_(clock), audit_(audit) {}

  void create(const Principal& actor, NewAccount account, std::function<void(CreateAccountOutcome)> done);
  // `done` gets nullopt when the store fails. Returns false when the store is
  // shutting down (done is not called).
  bool list(std::function<void(std::optional<std::vector<store::StaffUser>>)> done);
  bool audit_page(store::AuditQuery query, std::function<void(std::optional<std::vector<store::AuditEntry>>)> done);

 private:
  store::StoreExecutor& store_;
  support::WorkerThread& crypto_;
  const domain::Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace livedesk::service
