#pragma once
// Appends "who did what to what, when" to the audit log. Fire-and-forget from
// any thread: the write is queued on the store executor; a failure is logged,
// never thrown at the caller, because the action itself already happened.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/clock.hpp"

namespace livedesk::store {
class Store;
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

// The audit log's writer.
class AuditTrail {
 public:
  AuditTrail(store::StoreExecutor& store, const domain::Clock& clock) : store_(store), clock_(clock) {}

  void record(std::optional<std::int64_t> actor_user_id, std::string action, std::string target_type,
              std::string target_id, std::string detail_json = "{}");
  // For code already running on the store thread.
  void record_now(store::Store& store, std::optional<std::int64_t> actor_user_id, std::string action,
                  std::string target_type, std::string target_id, std::string detail_json = "{}");

 private:
  store::StoreExecutor& store_;
  const domain::Clock& clock_;
};

}  // namespace livedesk::service
