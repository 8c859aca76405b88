#pragma once
// API tokens for integrations (docs/api.md "API tokens"): admins create, list and revoke them; every REST call
// bearing one is verified here. Create, list and revoke run on the store executor and call `done` there.
// verify() is safe from any thread and never waits for the database: it checks a cache of every token (id,
// secret hash, scopes, revoked), filled at start (load), kept current by this node's own creations and
// revocations at once and by refresh() (periodic, and on a token id it does not know) for those of other nodes.
// last_used is written at most once a minute per token and node, as a queued write.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/api_scope.hpp"
#include "domain/clock.hpp"
#include "service/audit_trail.hpp"
#include "service/principal.hpp"

// Held by reference only, so the REST layer that includes this header sees neither auth/ nor store/.
namespace livedesk::auth {
class ApiTokenHasher;
class LoginRateLimiter;
}  // namespace livedesk::auth
namespace livedesk::store {
struct ApiToken;
}  // namespace livedesk::store

namespace livedesk::service {

// A token as the list shows it; never the secret.
struct ApiTokenView {
  std::int64_t id = 0;
  std::string name;
  domain::ApiScopes scopes;
  std::optional<std::int64_t> created_by;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> last_used_ms;
  std::optional<std::int64_t> revoked_ms;
};

struct ApiTokenCreated {
  ApiTokenView token;
  std::string secret_token;  // "ldk_<id>_<secret>": shown once, never stored
};

// What verify() found: the caller, a token that does not open anything, or too many bad secrets for it.
struct ApiTokenPrincipal {
  Principal principal;
  domain::ApiScopes scopes;
};
struct ApiTokenInvalid {};
struct ApiTokenThrottled {
  std::chrono::seconds retry_after;
};
using ApiTokenVerdict = std::variant<ApiTokenPrincipal, ApiTokenInvalid, ApiTokenThrottled>;

// The API token use cases and the token check of the REST gate.
class ApiTokenService {
 public:
  static constexpr std::string_view kPrefix = "ldk_";
  static constexpr auto kLastUsedResolution = std::chrono::minutes(1);

  // Bad secrets count against `limiter` per token id and client address, as failed logins do per username.
  ApiTokenService(store::StoreExecutor& store, const domain::Clock& clock, AuditTrail& audit,
                  const auth::ApiTokenHasher& hasher, auth::LoginRateLimiter& limiter);

  // True when `bearer` has the form of an API token (as opposed to a staff JWT).
  static bool looks_like_api_token(std::string_view bearer) { return bearer.starts_with(kPrefix); }

  // Fills the cache; on the store thread or before the executor runs.
  void load(store::Store& store);
  // Reads every token again on a reader (other nodes' creations and revocations); any thread.
  void refresh();

  // `done` gets nullopt when the store fails or shuts down.
  void create(const Principal& admin, std::string name, domain::ApiScopes scopes,
              std::function<void(std::optional<ApiTokenCreated>)> done);
  bool list(std::function<void(std::optional<std::vector<ApiTokenView>>)> done);
  // `done` gets the revoked token, nullopt when there is none not yet revoked, or `false` in `ok` on a store
  // failure.
  void revoke(const Principal& admin, std::int64_t id,
              std::function<void(bool ok, std::optional<ApiTokenView> revoked)> done);

  ApiTokenVerdict verify(std::string_view bearer, std::string_view client_address);

 private:
  struct Cached {
    std::string name;
    std::string secret_hash;
    domain::ApiScopes scopes;
    std::optional<std::int64_t> created_by;
    bool revoked = false;
    std::int64_t touched_ms = 0;  // when this node last wrote last_used
  };
  void remember(const store::ApiToken& token);  // under mutex_

  store::StoreExecutor& store_;
  const domain::Clock& clock_;
  AuditTrail& audit_;
  const auth::ApiTokenHasher& hasher_;
  auth::LoginRateLimiter& limiter_;
  std::mutex mutex_;
  std::map<std::int64_t, Cached> tokens_;
  std::atomic<std::int64_t> last_miss_refresh_ms_{0};
};

}  // namespace livedesk::service
