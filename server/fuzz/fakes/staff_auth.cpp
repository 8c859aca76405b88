#include "fakes/staff_auth.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

#include "auth/login_rate_limiter.hpp"
#include "auth/token_service.hpp"
#include "service/audit_trail.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_executor.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::fuzz {
namespace {
// Everything an AuthService holds by reference; the store is an empty SQLite file that verify_staff never reads.
struct StaffAuthWiring {
  static std::filesystem::path database_file() {
    const auto folder = std::filesystem::temp_directory_path() / ("livedesk-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    static const auto removed_at_exit = std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                      ("livedesk-fuzz-" + std::to_string(::getpid())), ignored);
    });
    (void)removed_at_exit;
    return folder / "livedesk.db";
  }

  domain::ManualClock clock{domain::TimePoint(std::chrono::seconds(clock_seconds))};
  auth::TokenService tokens{std::string(staff_token_secret), clock, std::chrono::hours(1), std::chrono::hours(1)};
  auth::LoginRateLimiter limiter{clock};
  store::StoreExecutor store{store::open_sqlite_store(database_file())};
  support::WorkerThread crypto{"crypto"};
  service::AuditTrail audit{store, clock};
  service::AuthService auth{store, crypto, tokens, limiter, audit};
};
}  // namespace

const service::AuthService& staff_auth() {
  static auto* wiring = new StaffAuthWiring;  // never destroyed: fuzz targets end by exit()
  return wiring->auth;
}

}  // namespace livedesk::fuzz
