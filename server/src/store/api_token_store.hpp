#pragma once
// API tokens for integrations: their names, scopes and secret hashes (never the secrets). Reached through
// Store::api_tokens(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// One token; revoking keeps the row, so the list shows who made it and when it went.
struct ApiToken {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::string name;
  std::string scopes;       // space-separated scope names (domain/api_scope.hpp)
  std::string secret_hash;  // hex of the keyed hash of the secret (auth/api_token_hasher.hpp)
  std::optional<std::int64_t> created_by;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> last_used_ms;
  std::optional<std::int64_t> revoked_ms;
  std::optional<std::int64_t> revoked_by;
};
BOOST_DESCRIBE_STRUCT(ApiToken, (),
                      (id, name, scopes, secret_hash, created_by, created_ms, last_used_ms, revoked_ms, revoked_by))

// The api_tokens table.
class ApiTokenStore {
 public:
  virtual std::int64_t insert(const ApiToken& token) = 0;  // returns the new id
  virtual std::optional<ApiToken> find(std::int64_t id) = 0;
  virtual std::vector<ApiToken> all() = 0;  // newest first (id descending)
  // Revokes a token not yet revoked and returns it as revoked; nullopt when there is no such token or it
  // already was (the first revocation's time and author stay).
  virtual std::optional<ApiToken> revoke(std::int64_t id, std::int64_t revoked_by, std::int64_t at_ms) = 0;
  // Sets last_used_ms to `used_ms` unless it already holds a later time.
  virtual void touch(std::int64_t id, std::int64_t used_ms) = 0;

 protected:
  ~ApiTokenStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
