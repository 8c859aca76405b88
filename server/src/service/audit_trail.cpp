#include "service/audit_trail.hpp"

#include <spdlog/spdlog.h>

#include "domain/iso_time.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {
namespace {
store::AuditEntry entry(const domain::Clock& clock, std::optional<std::int64_t> actor, std::string action,
                        std::string target_type, std::string target_id, std::string detail_json) {
  store::AuditEntry e;
  e.at_ms = domain::to_unix_ms(clock.now());
  e.actor_user_id = actor;
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = std::move(target_id);
  e.detail_json = std::move(detail_json);
  return e;
}
}  // namespace

void AuditTrail::record_now(store::Store& store, std::optional<std::int64_t> actor_user_id, std::string action,
                            std::string target_type, std::string target_id, std::string detail_json) {
  try {
    store.audit().append(entry(clock_, actor_user_id, std::move(action), std::move(target_type), std::move(target_id),
                             std::move(detail_json)));
  } catch (const std::exception& error) {
    spdlog::error(R"("msg":"audit_write_failed","error":"{}")", error.what());
  }
}

void AuditTrail::record(std::optional<std::int64_t> actor_user_id, std::string action, std::string target_type,
                        std::string target_id, std::string detail_json) {
  store_.post([this, e = entry(clock_, actor_user_id, std::move(action), std::move(target_type), std::move(target_id),
                               std::move(detail_json))](store::Store& store) {
    try {
      store.audit().append(e);
    } catch (const std::exception& error) {
      spdlog::error(R"("msg":"audit_write_failed","error":"{}")", error.what());
    }
  });
}

}  // namespace livedesk::service
