#include "auth/identity_signature.hpp"

#include <sodium.h>

#include "auth/sodium_init.hpp"
#include "auth/webhook_signature.hpp"

namespace livedesk::auth {

bool identity_hash_matches(std::string_view secret, std::string_view user_id, std::string_view user_hash) {
  if (user_hash.size() != 2 * crypto_auth_hmacsha256_BYTES) return false;
  std::string given(user_hash);
  for (char& c : given) {
    if (c >= 'A' && c <= 'F') c = char(c - 'A' + 'a');
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (!hex) return false;
  }
  const std::string expected = hmac_sha256_hex(secret, user_id);
  // sodium_memcmp takes the same time whichever byte differs, so a forger learns nothing from timing.
  return sodium_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

std::string new_identity_secret() {
  detail::ensure_sodium_initialized();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex, 2 * sizeof bytes);
}

}  // namespace livedesk::auth
