#include "service/auth_service.hpp"

#include <boost/json.hpp>

#include "auth/login_rate_limiter.hpp"
#include "auth/password_hasher.hpp"
#include "auth/token_service.hpp"
#include "service/staff_views.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {

AuthService::AuthService(store::StoreExecutor& store, support::WorkerThread& crypto,
                         const auth::TokenService& tokens, auth::LoginRateLimiter& limiter, AuditTrail& audit)
    : store_(store), crypto_(crypto), tokens_(tokens), limiter_(limiter), audit_(audit) {}

void AuthService::login(std::string username, std::string password, std::string client_address,
                        std::function<void(LoginOutcome)> done) {
  if (!limiter_.allowed(username, client_address)) {
    done(LoginThrottled{limiter_.retry_after(username, client_address)});
    return;
  }
  auto lookup = [this, username, password = std::move(password), client_address,
                 done](store::Store& store) mutable {
    std::optional<store::StaffUser> user;
    try {
      user = store.accounts().find_by_username(username);
    } catch (const std::exception& error) {
      done(ServiceUnavailable{error.what()});
      return;
    }
    check_password(std::move(user), std::move(username), std::move(password), std::move(client_address),
                   std::move(done));
  };
  if (!store_.post_read(std::move(lookup))) done(ServiceUnavailable{"shutting down"});
}

void AuthService::check_password(std::optional<store::StaffUser> user, std::string username,
                                 std::string password, std::string client_address,
                                 std::function<void(LoginOutcome)> done) {
  auto verify = [this, user = std::move(user), username = std::move(username),
                 password = std::move(password), client_address = std::move(client_address), done]() {
    bool ok = false;
    if (user) {
      ok = auth::verify_password(user->password_hash, password);
    } else {
      auth::burn_verify_time(password);  // unknown names cost the same as wrong passwords
    }
    if (!ok) {
      limiter_.record_failure(username, client_address);
      done(LoginRejected{});
      return;
    }
    limiter_.record_success(username, client_address);
    audit_.record(user->id, "auth.login", "user", std::to_string(user->id),
                  boost::json::serialize(boost::json::object{{"client", client_address}}));
    done(LoginSucceeded{tokens_.issue_staff(user->id, user->username, user->role), tokens_.staff_ttl(),
                        to_view(*user)});
  };
  if (!crypto_.post(verify)) done(ServiceUnavailable{"shutting down"});
}

std::optional<Principal> AuthService::verify_staff(std::string_view token) const {
  auto claims = tokens_.verify(token);
  if (!claims || claims->kind != auth::TokenKind::staff || !claims->role) return std::nullopt;
  return Principal{claims->subject_id, claims->username, *claims->role};
}

}  // namespace livedesk::service
