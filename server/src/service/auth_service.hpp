#pragma once
// Login and token checks. login() never blocks the caller: the user lookup
// runs on the store executor and the Argon2id check on the crypto worker, and
// `done` is called on one of those threads. verify_staff() is pure CPU and
// safe from any thread.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "domain/clock.hpp"
#include "domain/staff_views.hpp"
#include "service/api_token_service.hpp"
#include "service/audit_trail.hpp"
#include "service/principal.hpp"
#include "support/worker_thread.hpp"

// Held by reference only, so the REST layer that includes this header sees neither auth/ nor store/.
namespace livedesk::auth {
class LoginRateLimiter;
class TokenService;
}  // namespace livedesk::auth
namespace livedesk::store {
struct StaffUser;
}  // namespace livedesk::store

namespace livedesk::service {

struct LoginSucceeded {
  std::string access_token;
  std::chrono::seconds expires_in;
  domain::StaffView user;
};
struct LoginRejected {};  // unknown user or wrong password: the same answer for both
struct LoginThrottled {
  std::chrono::seconds retry_after;
};
struct ServiceUnavailable {
  std::string reason;
};
using LoginOutcome = std::variant<LoginSucceeded, LoginRejected, LoginThrottled, ServiceUnavailable>;

// The login use case and staff token verification.
class AuthService {
 public:
  AuthService(store::StoreExecutor& store, support::WorkerThread& crypto, const auth::TokenService& tokens,
              auth::LoginRateLimiter& limiter, AuditTrail& audit);

  void login(std::string username, std::string password, std::string client_address,
             std::function<void(LoginOutcome)> done);

  // The principal of a valid, unexpired staff token; nullopt otherwise.
  std::optional<Principal> verify_staff(std::string_view token) const;

  // From now on bearer tokens of the API token form are checked by `tokens` (wired once, before serving).
  void accept_api_tokens(ApiTokenService& tokens) { api_tokens_ = &tokens; }
  // The API token service when API tokens are accepted, else null.
  ApiTokenService* api_tokens() const { return api_tokens_; }

 private:
  void check_password(std::optional<store::StaffUser> user, std::string username, std::string password,
                      std::string client_address, std::function<void(LoginOutcome)> done);

  store::StoreExecutor& store_;
  support::WorkerThread& crypto_;
  const auth::TokenService& tokens_;
  auth::LoginRateLimiter& limiter_;
  AuditTrail& audit_;
  ApiTokenService* api_tokens_ = nullptr;
};

}  // namespace livedesk::service
